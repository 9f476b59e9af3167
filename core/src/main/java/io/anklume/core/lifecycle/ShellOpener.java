package io.anklume.core.lifecycle;

/** Opens a shell once the front end knows its terminal's size and type. */
@FunctionalInterface
public interface ShellOpener {
    ShellSession open(int width, int height, String term);
}
