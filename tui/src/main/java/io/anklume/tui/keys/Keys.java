package io.anklume.tui.keys;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** Names key strokes the way bindings are written: "s", "S", "Enter", "Esc", "Up", "Ctrl-C". */
public final class Keys {
    private Keys() {}

    public static String name(KeyStroke k) {
        if (k.getKeyType() == KeyType.Character) {
            char c = k.getCharacter();
            if (k.isCtrlDown()) {
                return "Ctrl-" + Character.toUpperCase(c);
            }
            return c == ' ' ? "Space" : String.valueOf(c);
        }
        return switch (k.getKeyType()) {
            case Enter -> "Enter";
            case Escape -> "Esc";
            case ArrowUp -> "Up";
            case ArrowDown -> "Down";
            case ArrowLeft -> "Left";
            case ArrowRight -> "Right";
            case PageUp -> "PgUp";
            case PageDown -> "PgDn";
            case Home -> "Home";
            case End -> "End";
            case Tab -> "Tab";
            case Backspace -> "Backspace";
            case Delete -> "Delete";
            case EOF -> "EOF";
            default -> k.getKeyType().name();
        };
    }
}
