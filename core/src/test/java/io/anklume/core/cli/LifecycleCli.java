package io.anklume.core.cli;

import io.anklume.core.plan.lab.PlanLab;
import io.anklume.incus.IncusClient;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * Runs CLI commands in-process against the lab daemon for the lifecycle ITs, with a clock the test
 * moves forward (snapshot names carry the time) and the test domains marked for leftover cleanup.
 */
final class LifecycleCli {
    /** A clock that moves only when told: each apply gets its own pre-apply name. */
    static final class SteppingClock extends Clock {
        private volatile Instant now;

        SteppingClock(Instant start) {
            now = start;
        }

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    record Result(int code, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }

    private final IncusClient incus;
    private final Set<String> domains;
    final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-03T10:15:00Z"));

    LifecycleCli(IncusClient incus, Set<String> domains) {
        this.incus = incus;
        this.domains = domains;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment env = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new BufferedReader(new StringReader("")),
                DefaultInfraSource.INSTANCE, PlanLab::addressing, () -> new Unclosable(incus), () -> false);
        int code = new Cli(env, clock, ShellAttacher.NONE).run(List.of(args));
        if (args[0].equals("apply")) {
            domains.forEach(d -> PlanLab.mark(incus, d));
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
