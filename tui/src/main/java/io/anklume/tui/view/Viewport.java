package io.anklume.tui.view;

/** The first line a list shows, so that its selection stays on screen. */
final class Viewport {
    private Viewport() {}

    /**
     * The first line to show: {@code offset} when the {@code selected} line is already among the
     * {@code visible} ones from it, else the nearest first line that brings it into view.
     */
    static int keepInView(int offset, int selected, int visible) {
        if (selected < offset) {
            return selected;
        }
        if (selected >= offset + visible) {
            return selected - visible + 1;
        }
        return offset;
    }
}
