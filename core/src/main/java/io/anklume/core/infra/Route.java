package io.anklume.core.infra;

/**
 * One HTTP route of a machine: requests for {@code host} go to the machine's {@code port}; {@code auth}
 * (nullable) asks for HTTP basic credentials checked against a bcrypt hash.
 */
public record Route(String host, int port, Auth auth) {

    /** A user and the bcrypt hash of the password ({@code $2a$}, {@code $2b$} or {@code $2y$}). */
    public record Auth(String user, String passwordHash) {
        @Override
        public String toString() {
            // The hash is not a secret like the password, but it has no business in logs either.
            return "Auth[user=" + user + "]";
        }
    }
}
