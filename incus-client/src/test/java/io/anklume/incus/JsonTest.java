package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The mapper is set up only when first needed, once, whoever asks first. */
class JsonTest {

    @Test
    void theMapperIsNotSetUpUntilSomeoneNeedsIt() {
        AtomicInteger builds = new AtomicInteger();
        Supplier<ObjectMapper> later = Json.onFirstUse(() -> {
            builds.incrementAndGet();
            return Json.mapper();
        });
        assertEquals(0, builds.get());
        ObjectMapper first = later.get();
        assertSame(first, later.get());
        assertEquals(1, builds.get());
    }

    @Test
    void callersAskingTogetherShareOneMapper() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        Supplier<ObjectMapper> later = Json.onFirstUse(() -> {
            builds.incrementAndGet();
            return Json.mapper();
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<ObjectMapper> ask = later::get;
            List<Future<ObjectMapper>> asked = pool.invokeAll(List.of(ask, ask, ask, ask));
            for (Future<ObjectMapper> f : asked) {
                assertSame(asked.get(0).get(), f.get());
            }
            assertEquals(1, builds.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
