package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The mapper set up in the background: one mapper, and a caller's interrupt is neither lost nor fatal. */
class JsonTest {

    @Test
    void backgroundMapperIsBuiltOnceOffTheCallersThread() {
        Supplier<ObjectMapper> later = Json.mapperInBackground();
        ObjectMapper first = later.get();
        assertSame(first, later.get());
    }

    @Test
    void anInterruptedCallerStillGetsTheMapperAndKeepsItsInterrupt() {
        Supplier<ObjectMapper> later = Json.mapperInBackground();
        Thread.currentThread().interrupt();
        try {
            later.get();
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
