package io.anklume.core.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Asks a y/N question on the terminal; without a terminal it refuses and says how to go on. */
final class Confirmation {
    private Confirmation() {}

    static boolean ask(CliEnvironment env, String question) {
        return ask(env, question, "Review the list and run again with --yes.");
    }

    static boolean ask(CliEnvironment env, String question, String withoutTerminal) {
        if (!env.terminal().getAsBoolean()) {
            env.err().println("anklume-tui: refusing without confirmation: no terminal. " + withoutTerminal);
            return false;
        }
        env.out().print(question + " [y/N] ");
        env.out().flush();
        try {
            String answer = env.in().readLine();
            if (answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) {
                return true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.err().println("Cancelled; nothing changed.");
        return false;
    }
}
