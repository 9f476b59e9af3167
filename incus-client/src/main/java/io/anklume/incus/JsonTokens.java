package io.anklume.incus;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The checks of the token-by-token readers ({@link InstanceListReader}, {@link StartupReaders}): a
 * value of the wrong shape is refused as the databind mapping would refuse it; {@code where} names the
 * answer in the message ("an Incus instance list").
 */
final class JsonTokens {
    private JsonTokens() {}

    static void expect(JsonParser p, JsonToken token, String where) throws IOException {
        if (p.currentToken() != token) {
            throw new JsonParseException(p, "expected " + token + " in " + where + ", found " + p.currentToken());
        }
    }

    /** The current value, which must be a scalar. */
    static JsonParser scalar(JsonParser p, String where) throws IOException {
        if (p.currentToken().isStructStart()) {
            throw new JsonParseException(p, "expected a scalar in " + where + ", found " + p.currentToken());
        }
        return p;
    }

    static String text(JsonParser p, String where) throws IOException {
        return scalar(p, where).getValueAsString();
    }
}
