package io.anklume.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import io.anklume.tui.widget.Colors;
import io.anklume.tui.widget.Text;

/**
 * The part of the screen a view draws in: rows {@code top .. top+rows-1}, full width. {@code scroll}:
 * the view draws in its own row numbers and the first {@code scroll} of them are above the window.
 */
public record Area(TextGraphics g, int top, int rows, int cols, Colors colors, int scroll) {

    public Area(TextGraphics g, int top, int rows, int cols, Colors colors) {
        this(g, top, rows, cols, colors, 0);
    }

    /** The same window over content moved up by {@code by} rows. */
    public Area scrolledBy(int by) {
        return new Area(g, top, rows, cols, colors, scroll + by);
    }

    public void put(int col, int row, String text, TextColor fg) {
        put(col, row, text, fg, TextColor.ANSI.DEFAULT, false);
    }

    public void put(int col, int row, String text, TextColor fg, TextColor bg, boolean bold) {
        int shown = row - scroll;
        if (shown < 0 || shown >= rows || col >= cols) {
            return;
        }
        g.setForegroundColor(fg);
        g.setBackgroundColor(bg);
        if (bold) {
            g.enableModifiers(SGR.BOLD);
        }
        g.putString(col, top + shown, text.length() > cols - col ? Text.fit(text, cols - col) : text);
        if (bold) {
            g.disableModifiers(SGR.BOLD);
        }
    }

    /**
     * {@code text} from {@code col}, wrapped at spaces onto the next rows when longer than the width
     * (advice at the end of a sentence must not be cut on an 80-column terminal); returns the next row.
     */
    public int wrapped(int col, int row, String text, TextColor fg, boolean bold) {
        for (String part : wrap(text, Math.max(10, cols - col))) {
            put(col, row++, part, fg, TextColor.ANSI.DEFAULT, bold);
        }
        return row;
    }

    /** {@code text} cut at spaces into lines of at most {@code width} (mid-word only when a word is that long). */
    public static java.util.List<String> wrap(String text, int width) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        String rest = text;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            cut = cut <= width / 2 ? width : cut;
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut).strip();
        }
        lines.add(rest);
        return lines;
    }

    /** A full-width line (padded), e.g. a selected row. */
    public void line(int row, String text, TextColor fg, TextColor bg, boolean bold) {
        put(0, row, Text.fit(text, cols), fg, bg, bold);
    }
}
