package io.anklume.tui.widget;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** A yes/no question that defaults to no: only {@code y} confirms. */
public record Confirm(String question, Runnable onYes) {
    /** Always closes; runs the action only on y/Y. */
    public void handle(KeyStroke k) {
        if (k.getKeyType() == KeyType.Character && !k.isCtrlDown() && Character.toLowerCase(k.getCharacter()) == 'y') {
            onYes.run();
        }
    }
}
