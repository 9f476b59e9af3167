package io.anklume.tui.keys;

/**
 * One key binding of a view, as data: the status bar, the {@code ?} help, the palette and
 * docs/keys.md are all drawn from these. Mutating actions do not exist in read-only mode;
 * {@code disabledReason} non-null shows the action greyed out with the reason instead of running it.
 */
public record KeyAction(String key, String description, boolean mutating, String disabledReason, Runnable handler) {

    public static KeyAction of(String key, String description, Runnable handler) {
        return new KeyAction(key, description, false, null, handler);
    }

    public static KeyAction mutating(String key, String description, Runnable handler) {
        return new KeyAction(key, description, true, null, handler);
    }

    public static KeyAction disabled(String key, String description, String reason) {
        return new KeyAction(key, description, false, reason, () -> {});
    }

    public boolean enabled() {
        return disabledReason == null;
    }
}
