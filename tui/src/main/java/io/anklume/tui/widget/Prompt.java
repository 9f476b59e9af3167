package io.anklume.tui.widget;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A one-line input at the bottom of the screen (filter, palette, snapshot name) with Tab
 * completion. {@code onChange} sees every edit (live filtering); Enter submits, Esc cancels.
 */
public final class Prompt {
    private final String label;
    private final StringBuilder text;
    private final Function<String, List<String>> completions;
    private final Consumer<String> onSubmit;
    private final Consumer<String> onChange;
    private final Runnable onCancel;
    private List<String> lastCandidates = List.of();
    private Consumer<char[]> onSecret;

    public Prompt(String label, String initial, Function<String, List<String>> completions, Consumer<String> onSubmit,
                  Consumer<String> onChange, Runnable onCancel) {
        this.label = label;
        this.text = new StringBuilder(initial == null ? "" : initial);
        this.completions = completions;
        this.onSubmit = onSubmit;
        this.onChange = onChange;
        this.onCancel = onCancel;
    }

    /**
     * A password prompt: shown as stars, handed over as a char array on Enter, and wiped from the
     * prompt's own buffer then (a String would stay in memory until collected).
     */
    public static Prompt secret(String label, Consumer<char[]> onSubmit, Runnable onCancel) {
        Prompt p = new Prompt(label, "", t -> List.of(), t -> { }, t -> { }, onCancel);
        p.onSecret = onSubmit;
        return p;
    }

    /** What the prompt line shows: the text, or one star per character of a secret. */
    public String shown() {
        return onSecret == null ? text.toString() : "*".repeat(text.length());
    }

    public String label() {
        return label;
    }

    public String text() {
        return text.toString();
    }

    public List<String> candidates() {
        return lastCandidates;
    }

    /** True while the prompt stays open. */
    public boolean handle(KeyStroke k) {
        switch (k.getKeyType()) {
            case Enter -> {
                if (onSecret != null) {
                    char[] secret = new char[text.length()];
                    text.getChars(0, text.length(), secret, 0);
                    wipe();
                    onSecret.accept(secret);
                } else {
                    onSubmit.accept(text.toString());
                }
                return false;
            }
            case Escape -> {
                wipe();
                onCancel.run();
                return false;
            }
            case Backspace -> {
                if (!text.isEmpty()) {
                    text.setLength(text.length() - 1);
                    changed();
                }
            }
            case Tab -> {
                if (onSecret == null) {
                    complete();
                }
            }
            case Character -> {
                if (!k.isCtrlDown()) {
                    text.append(k.getCharacter());
                    changed();
                } else if (k.getCharacter() == 'u') {
                    text.setLength(0);
                    changed();
                }
            }
            default -> {
            }
        }
        return true;
    }

    private void wipe() {
        if (onSecret != null) {
            for (int i = 0; i < text.length(); i++) {
                text.setCharAt(i, '\0');
            }
            text.setLength(0);
        }
    }

    private void changed() {
        lastCandidates = List.of();
        onChange.accept(text.toString());
    }

    /** Completes the last word to the candidates' common prefix; lists them when several remain. */
    private void complete() {
        List<String> all = completions.apply(text.toString());
        lastCandidates = all;
        if (all.isEmpty()) {
            return;
        }
        String line = text.toString();
        int start = line.lastIndexOf(' ') + 1;
        String common = all.get(0);
        for (String c : all) {
            int i = 0;
            while (i < common.length() && i < c.length() && common.charAt(i) == c.charAt(i)) {
                i++;
            }
            common = common.substring(0, i);
        }
        text.setLength(start);
        text.append(common);
        if (all.size() == 1) {
            text.append(' ');
            lastCandidates = List.of();
        }
        onChange.accept(text.toString());
    }
}
