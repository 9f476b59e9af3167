package io.anklume.tui.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Drives a real program in a detached tmux session, like a person at a terminal: type keys, read the
 * screen. Tests wait for what the screen shows instead of sleeping.
 */
public final class Tmux implements AutoCloseable {
    private final String session;

    private Tmux(String session) {
        this.session = session;
    }

    /** Starts {@code command} (run by sh) in a new session of the given size. */
    public static Tmux start(int width, int height, String command) {
        String name = "anklume-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        for (int attempt = 1; ; attempt++) {
            try {
                run("tmux", "new-session", "-d", "-s", name, "-x", String.valueOf(width), "-y", String.valueOf(height),
                        command);
                break;
            } catch (IllegalStateException e) {
                // Killing the last session stops the tmux server; a session started in that moment
                // meets the server on its way out. A new server starts on the next try.
                if (attempt == 3 || !String.valueOf(e.getMessage()).contains("server exited unexpectedly")) {
                    throw e;
                }
                sleep(200);
            }
        }
        // Keep the pane after the program exits so its last screen can still be read.
        run("tmux", "set-option", "-t", name, "remain-on-exit", "on");
        return new Tmux(name);
    }

    /** Sends tmux key names ("Enter", "Escape", "C-c") or literal text with {@link #type}. */
    public void keys(String... keys) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "send-keys", "-t", session));
        cmd.addAll(List.of(keys));
        run(cmd.toArray(String[]::new));
    }

    public void type(String text) {
        run("tmux", "send-keys", "-t", session, "-l", text);
    }

    public void resize(int width, int height) {
        run("tmux", "resize-window", "-t", session, "-x", String.valueOf(width), "-y", String.valueOf(height));
    }

    public String screen() {
        return run("tmux", "capture-pane", "-p", "-t", session);
    }

    public boolean paneDead() {
        return run("tmux", "display-message", "-p", "-t", session, "#{pane_dead}").trim().equals("1");
    }

    /** Waits until the screen satisfies {@code condition}; fails with the last screen otherwise. */
    public String waitFor(String what, Predicate<String> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = screen();
            if (condition.test(last)) {
                return last;
            }
            sleep(100);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + "; the screen was:\n" + last);
    }

    /**
     * Waits for the first loaded list, then filters it with {@code /text}: a row is then on screen
     * however many other instances the lab holds (they may sort above it, off the first page).
     */
    public void filterRows(String text, Duration timeout) {
        waitForText("connected", timeout);
        keys("/");
        type(text);
        keys("Enter");
    }

    public String waitForText(String text, Duration timeout) {
        return waitFor("'" + text + "'", s -> s.contains(text), timeout);
    }

    @Override
    public void close() {
        try {
            run("tmux", "kill-session", "-t", session);
        } catch (IllegalStateException ignored) {
            // Already gone: the program exited and tmux closed the session.
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run tmux (is it installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
