package io.anklume.core.cli;

import java.util.List;

/** Runs the subcommands without the terminal interface: {@code java -cp ... io.anklume.core.cli.CliMain plan infra.yml}. */
public final class CliMain {
    private CliMain() {}

    public static void main(String[] args) {
        System.exit(new Cli(System.out, System.err, System.in).run(List.of(args)));
    }
}
