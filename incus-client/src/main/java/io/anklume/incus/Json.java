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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
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
     * The mapper, built on a daemon thread of its own; {@code get()} waits for it. Its setup costs ~90 ms
     * cold, which then overlaps connecting and the first list, which does not need it ({@link InstanceListReader}).
     */
    static Supplier<ObjectMapper> mapperInBackground() {
        FutureTask<ObjectMapper> setup = new FutureTask<>(Json::mapper);
        Thread thread = new Thread(setup, "incus-json-setup");
        thread.setDaemon(true);
        thread.start();
        return () -> built(setup);
    }

    /** Waits even when interrupted (the setup is short and certain), keeping the interrupt for the caller. */
    private static ObjectMapper built(FutureTask<ObjectMapper> setup) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return setup.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("cannot set up the JSON mapping: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
