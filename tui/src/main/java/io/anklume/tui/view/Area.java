package io.anklume.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import io.anklume.tui.widget.Colors;
import io.anklume.tui.widget.Text;

/** The part of the screen a view draws in: rows {@code top .. top+rows-1}, full width. */
public record Area(TextGraphics g, int top, int rows, int cols, Colors colors) {

    public void put(int col, int row, String text, TextColor fg) {
        put(col, row, text, fg, TextColor.ANSI.DEFAULT, false);
    }

    public void put(int col, int row, String text, TextColor fg, TextColor bg, boolean bold) {
        if (row < 0 || row >= rows || col >= cols) {
            return;
        }
        g.setForegroundColor(fg);
        g.setBackgroundColor(bg);
        if (bold) {
            g.enableModifiers(SGR.BOLD);
        }
        g.putString(col, top + row, text.length() > cols - col ? Text.fit(text, cols - col) : text);
        if (bold) {
            g.disableModifiers(SGR.BOLD);
        }
    }

    /** A full-width line (padded), e.g. a selected row. */
    public void line(int row, String text, TextColor fg, TextColor bg, boolean bold) {
        put(0, row, Text.fit(text, cols), fg, bg, bold);
    }
}
