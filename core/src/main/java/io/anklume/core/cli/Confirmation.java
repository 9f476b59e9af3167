package io.anklume.core.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A y/N question at the terminal; without one, a refusal that says to use --yes. */
final class Confirmation {
    private Confirmation() {}

    static boolean ask(CliEnvironment env, String question) {
        if (!env.terminal().getAsBoolean()) {
            env.err().println("anklume-tui: refusing without confirmation: no terminal. Review the list and run "
                    + "again with --yes.");
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
