package io.anklume.core.infra;

/**
 * One finding about an infra.yml: {@code infra.yml:14:13 domains.pro.machines.pro-dev.ip: message}.
 * Problems sort by file position.
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
        int c = Integer.compare(position.line(), o.position.line());
        return c != 0 ? c : Integer.compare(position.column(), o.position.column());
    }

    @Override
    public String toString() {
        String prefix = severity == Severity.WARNING ? "warning: " : "";
        return position + " " + (path == null || path.isEmpty() ? "" : path + ": ") + prefix + message;
    }
}
