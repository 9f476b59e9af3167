package io.anklume.incus;

/**
 * A failed Incus request. {@code status} is the HTTP status or Incus error code (0 when the daemon could
 * not be reached at all); {@code error} is Incus's own text; {@code request} is e.g.
 * {@code "GET /1.0/instances/web?project=lab"}. The message is meant for users as is.
 */
public class IncusException extends RuntimeException {
    private final int status;
    private final String error;
    private final String request;

    public IncusException(int status, String error, String request) {
        this(status, error, request, null);
    }

    public IncusException(int status, String error, String request, Throwable cause) {
        super(request + " failed" + (status > 0 ? " (" + status + ")" : "") + ": " + error, cause);
        this.status = status;
        this.error = error;
        this.request = request;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String request() {
        return request;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
