package io.anklume.core.routing.lab;

import io.anklume.incus.lab.IncusLab;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what Caddy, the route keeper or Incus do in the background. */
public final class Eventually {
    private Eventually() {}

    /** Polls {@code done} every 100 ms; fails naming {@code what} when it is still false after {@code within}. */
    public static void await(String what, Duration within, BooleanSupplier done) {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            if (done.getAsBoolean()) {
                return;
            }
            IncusLab.sleep(100);
        }
        throw new AssertionError(what + " did not happen within " + within.toSeconds() + " s");
    }
}
