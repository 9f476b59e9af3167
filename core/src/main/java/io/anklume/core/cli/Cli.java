package io.anklume.core.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * The terminal-free subcommands (validate, plan, apply, list, ...). Exit codes: 0 success or no
 * changes, 1 invalid input or failure, 2 ({@code plan} only) changes pending.
 */
public final class Cli {
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    public Cli(PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    /** True when {@code args} names a subcommand this class handles. */
    public static boolean handles(List<String> args) {
        return !args.isEmpty() && !args.get(0).startsWith("-");
    }

    public int run(List<String> args) {
        err.println("anklume-tui: unknown command " + args);
        return 1;
    }
}
