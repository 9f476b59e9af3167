package io.anklume.core.routing;

/** The Caddy admin API refused a request or cannot be reached; the message says which and why. */
public final class CaddyException extends RuntimeException {
    private final int status;

    public CaddyException(int status, String message) {
        super(message);
        this.status = status;
    }

    public CaddyException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status, 0 when Caddy could not be reached. */
    public int status() {
        return status;
    }
}
