package io.anklume.incus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.Supplier;

/** The one JSON configuration for Incus payloads: snake_case, unknown fields ignored, zero times as null. */
final class Json {
    private Json() {}

    static ObjectMapper mapper() {
        SimpleModule times = new SimpleModule("incus-times");
        times.addDeserializer(Instant.class, new IncusInstantDeserializer());
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(times)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false)
                .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, true);
    }

    /**
     * The mapper, built by the first caller that needs it; later callers get the same one. Nothing a
     * screen waits for before its first frame needs it (the instance list, leases and server info are
     * streamed: {@link InstanceListReader}, {@link StartupReaders}), so its cold set-up (~600 classes,
     * ~90 ms) no longer competes with the start-up for a small machine's cores.
     */
    static Supplier<ObjectMapper> mapperOnFirstUse() {
        return onFirstUse(Json::mapper);
    }

    static Supplier<ObjectMapper> onFirstUse(Supplier<ObjectMapper> build) {
        return new Supplier<>() {
            private volatile ObjectMapper built;

            @Override
            public ObjectMapper get() {
                ObjectMapper m = built;
                if (m == null) {
                    synchronized (this) {
                        m = built;
                        if (m == null) {
                            m = build.get();
                            built = m;
                        }
                    }
                }
                return m;
            }
        };
    }

    static <T> T convert(ObjectMapper mapper, JsonNode node, Class<T> type) {
        try {
            return node == null || node.isNull() ? null : mapper.treeToValue(node, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Incus " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Incus writes "0001-01-01T00:00:00Z" for "never"; callers get null instead of year 1. */
    static final class IncusInstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            return parseTime(text);
        }
    }

    static Instant parseTime(String text) {
        return IncusTime.parse(text);
    }
}
