package io.anklume.core.cli;

import java.util.List;

/** Runs the subcommands without the terminal interface: {@code java -cp ... io.anklume.core.cli.CliMain plan infra.yml}. */
public final class CliMain {
    private CliMain() {}

    public static void main(String[] args) {
        int status;
        try (var guard = io.anklume.core.freezer.FreezerStallGuard.start(java.time.Duration.ofSeconds(1),
                report -> System.err.println("anklume-tui: " + report))) {
            status = new Cli(System.out, System.err, System.in).run(List.of(args));
        }
        System.exit(status);
    }
}
