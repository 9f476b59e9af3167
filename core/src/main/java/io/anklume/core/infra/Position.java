package io.anklume.core.infra;

/** Where a value stands in a source file; line and column are 1-based. */
public record Position(String file, int line, int column) {
    public static Position unknown(String file) {
        return new Position(file, 0, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
