package io.anklume.themes;

import java.util.Locale;

/** A theme color: a 24-bit RGB value, one of the 16 ANSI colors, or the terminal's default. */
public sealed interface Color {
    record Rgb(int red, int green, int blue) implements Color {}

    /** {@code name} is one of black, red, green, yellow, blue, magenta, cyan, white, optionally {@code _bright}. */
    record Ansi(String name) implements Color {}

    record Default() implements Color {}

    Color DEFAULT = new Default();

    /** "#rrggbb", an ANSI name, or "default"; IllegalArgumentException with the reason otherwise. */
    static Color parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("default")) {
            return DEFAULT;
        }
        if (t.matches("#[0-9a-f]{6}")) {
            int v = Integer.parseInt(t.substring(1), 16);
            return new Rgb((v >> 16) & 255, (v >> 8) & 255, v & 255);
        }
        String base = t.replace("_bright", "");
        if (java.util.List.of("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white").contains(base)) {
            return new Ansi(t);
        }
        throw new IllegalArgumentException("'" + text + "' is not a color (write #rrggbb, an ANSI name like "
                + "blue or blue_bright, or default)");
    }
}
