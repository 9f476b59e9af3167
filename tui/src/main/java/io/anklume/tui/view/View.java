package io.anklume.tui.view;

import com.googlecode.lanterna.input.KeyStroke;
import io.anklume.tui.keys.KeyAction;
import java.util.List;

/**
 * One screen of the app. Views hold their state and key actions; they never call Incus. They draw from
 * the inventory's latest snapshot each frame, so an inventory change needs no call of its own.
 */
public interface View {
    /** Shown in the header, e.g. "snapshots › pro/pro-dev". */
    String title();

    /** The view's own bindings (the app adds the global ones and drops mutating ones in read-only mode). */
    List<KeyAction> actions();

    void draw(Area area);

    /** Navigation and other keys that are not actions (arrows, j/k); true when used. */
    default boolean handle(KeyStroke key) {
        return false;
    }
}
