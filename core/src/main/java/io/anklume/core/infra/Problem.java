package io.anklume.core.infra;

/**
 * One finding about an infra.yml: {@code infra.yml:14:13 domains.pro.machines.pro-dev.ip: message}.
 * Problems sort by file, then position.
 */
public record Problem(Severity severity, Position position, String path, String message) implements Comparable<Problem> {
    public enum Severity { ERROR, WARNING }

    public static Problem error(Position position, String path, String message) {
        return new Problem(Severity.ERROR, position, path, message);
    }

    public static Problem warning(Position position, String path, String message) {
        return new Problem(Severity.WARNING, position, path, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public int compareTo(Problem o) {
        // An infra/ directory reports from several files: group them, base.yml first.
        int c = String.valueOf(position.file()).compareTo(String.valueOf(o.position.file()));
        if (c != 0) {
            return c;
        }
        c = Integer.compare(position.line(), o.position.line());
        return c != 0 ? c : Integer.compare(position.column(), o.position.column());
    }

    @Override
    public String toString() {
        String prefix = severity == Severity.WARNING ? "warning: " : "";
        return position + " " + (path == null || path.isEmpty() ? "" : path + ": ") + prefix + message;
    }
}
