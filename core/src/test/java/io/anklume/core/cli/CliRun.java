package io.anklume.core.cli;

import io.anklume.core.plan.lab.PlanLab;
import io.anklume.incus.IncusClient;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a CLI command against a test's client, counting how often the command asked for Incus. */
final class CliRun {
    private final IncusClient incus;
    final AtomicInteger connections = new AtomicInteger();

    CliRun(IncusClient incus) {
        this.incus = incus;
    }

    record Result(int code, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment env = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new BufferedReader(new StringReader(input)),
                DefaultInfraSource.INSTANCE, PlanLab::addressing, () -> {
                    connections.incrementAndGet();
                    return new Unclosable(incus);
                }, () -> !input.isEmpty());
        int code = new Cli(env).run(List.of(args));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
