package io.anklume.core.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.util.Arrays;

/** Reads a password without echo at a terminal, else the first line of stdin; never as a String. */
final class Secret {
    private Secret() {}

    static char[] read(CliEnvironment env, String prompt) throws IOException {
        Console console = env.terminal().getAsBoolean() ? System.console() : null;
        if (console != null) {
            char[] first = console.readPassword("%s: ", prompt);
            char[] again = console.readPassword("%s (again): ", prompt);
            try {
                if (first == null || again == null || !Arrays.equals(first, again)) {
                    throw new IOException("the two passwords differ");
                }
                return first.clone();
            } finally {
                if (first != null) {
                    Arrays.fill(first, '\0');
                }
                if (again != null) {
                    Arrays.fill(again, '\0');
                }
            }
        }
        return readLine(env.in());
    }

    static char[] readLine(BufferedReader in) throws IOException {
        char[] buffer = new char[128];
        int length = 0;
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (length == buffer.length) {
                char[] bigger = Arrays.copyOf(buffer, buffer.length * 2);
                Arrays.fill(buffer, '\0');
                buffer = bigger;
            }
            buffer[length++] = (char) c;
        }
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        char[] out = Arrays.copyOf(buffer, length);
        Arrays.fill(buffer, '\0');
        return out;
    }
}
