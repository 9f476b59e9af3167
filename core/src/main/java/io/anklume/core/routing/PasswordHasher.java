package io.anklume.core.routing;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.util.Arrays;

/**
 * Turns a typed password into the bcrypt hash infra.yml and Caddy keep. The password stays a char
 * array, is wiped after hashing and is never logged, put in a message or passed to another process.
 */
public final class PasswordHasher {
    /** Cost 12: about a quarter of a second here, once per added route. */
    public static final int COST = 12;
    /** bcrypt reads at most 72 bytes; a longer password would silently be cut. */
    public static final int MAX_BYTES = 72;

    private PasswordHasher() {}

    /** The {@code $2a$12$...} hash; {@code password} is wiped before this returns. */
    public static String hash(char[] password) {
        try {
            if (password.length == 0) {
                throw new IllegalArgumentException("the password is empty");
            }
            java.nio.ByteBuffer utf8 = java.nio.charset.StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
            int length = utf8.remaining();
            if (utf8.hasArray()) {
                Arrays.fill(utf8.array(), (byte) 0);
            }
            if (length > MAX_BYTES) {
                throw new IllegalArgumentException("the password is longer than bcrypt's " + MAX_BYTES + " bytes");
            }
            return BCrypt.withDefaults().hashToString(COST, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    public static boolean matches(char[] password, String hash) {
        return BCrypt.verifyer().verify(password, hash).verified;
    }
}
