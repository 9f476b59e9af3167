package io.anklume.core.cli;

import java.util.List;

/** One subcommand; exit codes 0 success, 1 invalid input or failure, 2 changes pending ({@code plan}). */
interface Command {
    int OK = 0;
    int FAILED = 1;
    int CHANGES_PENDING = 2;

    String name();

    /** One line for the overall help. */
    String summary();

    /** The full help of this command. */
    String help();

    int run(List<String> args) throws Args.UsageException;
}
