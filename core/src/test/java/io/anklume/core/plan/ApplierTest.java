package io.anklume.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApplierTest {

    private static Action project(String d) {
        return new Action.CreateProject(d, d, "", Map.of());
    }

    private static Action network(String d) {
        return new Action.CreateNetwork(d, "net-" + d, "", Map.of());
    }

    private static Action profile(String d) {
        return new Action.CreateProfile(d, d, "extra", Map.of(), Map.of());
    }

    private static Action create(String d, String name) {
        return new Action.CreateInstance(d, d, name, "container", "busybox", Map.of(), Map.of(), List.of("default"), "",
                true);
    }

    private static Action start(String d, String name) {
        return new Action.StartInstance(d, d, name);
    }

    /** Records start and end events ("+target", "-target") in order. */
    private static final class Recorder implements ActionRunner {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();

        @Override
        public void run(Action action) throws Exception {
            events.add("+" + action.kind() + " " + action.target());
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(20);
            running.decrementAndGet();
            events.add("-" + action.kind() + " " + action.target());
        }

        int index(String event) {
            int i = events.indexOf(event);
            assertTrue(i >= 0, () -> event + " not in " + events);
            return i;
        }
    }

    @Test
    void domainStagesRunInOrderAndInstancesAfterProfiles() {
        Recorder recorder = new Recorder();
        Plan plan = new Plan(List.of(project("a"), network("a"), profile("a"), create("a", "x"), create("a", "y"),
                project("b"), network("b"), create("b", "z")));

        ApplyReport report = new Applier(recorder, 4, ApplyListener.NONE).apply(plan);

        assertTrue(report.succeeded());
        assertEquals(plan.actions(), report.done());
        assertTrue(recorder.index("-create-project project a") < recorder.index("+create-network network net-a"));
        assertTrue(recorder.index("-create-network network net-a") < recorder.index("+create-profile profile a/extra"));
        assertTrue(recorder.index("-create-profile profile a/extra") < recorder.index("+create-instance instance x"));
        assertTrue(recorder.index("-create-profile profile a/extra") < recorder.index("+create-instance instance y"));
        assertTrue(recorder.index("-create-network network net-b") < recorder.index("+create-instance instance z"));
    }

    @Test
    void noInstanceActionRunsWhileABridgeOfAnyDomainIsBeingMade() {
        Recorder recorder = new Recorder();
        // Domain a's instances come first in the plan; b's bridge comes later and must still go first.
        Plan plan = new Plan(List.of(project("a"), network("a"), create("a", "x"), start("a", "w"),
                project("b"), network("b"), create("b", "z")));

        ApplyReport report = new Applier(recorder, 4, ApplyListener.NONE).apply(plan);

        assertTrue(report.succeeded());
        int lastBridge = Math.max(recorder.index("-create-network network net-a"),
                recorder.index("-create-network network net-b"));
        for (String instance : List.of("+create-instance instance x", "+start-instance instance w",
                "+create-instance instance z")) {
            assertTrue(lastBridge < recorder.index(instance), instance + " ran while a bridge was made: " + recorder.events);
        }
    }

    @Test
    void actionsOfOneInstanceRunInPlanOrder() {
        Recorder recorder = new Recorder();
        Action update = new Action.UpdateInstance("a", "a", "x", List.of(new ConfigChange("limits.cpu", "1", "2")),
                List.of(), null, null);
        Plan plan = new Plan(List.of(update, start("a", "x"), start("a", "y")));

        new Applier(recorder, 3, ApplyListener.NONE).apply(plan);

        assertTrue(recorder.index("-update-instance instance x") < recorder.index("+start-instance instance x"));
    }

    @Test
    void neverRunsMoreThanTheBoundAndDoesUseIt() {
        Recorder recorder = new Recorder();
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            actions.add(create("d" + i, "m" + i));
        }

        ApplyReport report = new Applier(recorder, 3, ApplyListener.NONE).apply(new Plan(actions));

        assertEquals(8, report.done().size());
        assertTrue(recorder.maxRunning.get() <= 3, "ran " + recorder.maxRunning.get() + " at once");
        assertTrue(recorder.maxRunning.get() >= 2, "independent actions never overlapped");
    }

    @Test
    void sequentialWhenParallelismIsOne() {
        Recorder recorder = new Recorder();
        List<Action> actions = List.of(create("a", "x"), create("b", "y"), create("c", "z"));

        new Applier(recorder, 1, ApplyListener.NONE).apply(new Plan(actions));

        assertEquals(1, recorder.maxRunning.get());
    }

    @Test
    void stopsSchedulingAfterFailureAndReportsWhatWasNotDone() {
        ActionRunner runner = a -> {
            if (a.target().equals("network net-a")) {
                throw new IllegalStateException("Network is already in use");
            }
        };
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ApplyListener listener = new ApplyListener() {
            @Override
            public void failed(Action action, String message) {
                failures.add(action.target() + ": " + message);
            }
        };
        Plan plan = new Plan(List.of(project("a"), network("a"), create("a", "x"), project("b"), create("b", "y")));

        ApplyReport report = new Applier(runner, 1, listener).apply(plan);

        assertFalse(report.succeeded());
        assertEquals(List.of(project("a")), report.done());
        assertEquals(1, report.failed().size());
        assertEquals("create-network network net-a: Network is already in use", report.failed().get(0).toString());
        assertEquals(List.of(create("a", "x"), project("b"), create("b", "y")), report.notDone());
        assertEquals(List.of("network net-a: Network is already in use"), failures);
        assertTrue(report.lines().contains("not done: create-instance instance y"));
    }

    @Test
    void inFlightActionsFinishAfterAFailure() throws Exception {
        CountDownLatch failedSeen = new CountDownLatch(1);
        ActionRunner runner = a -> {
            if (a.domain().equals("a")) {
                throw new IllegalStateException("boom");
            }
            if (!failedSeen.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("failure never reported");
            }
        };
        ApplyListener listener = new ApplyListener() {
            @Override
            public void failed(Action action, String message) {
                failedSeen.countDown();
            }
        };
        // b's project is in flight while a's fails; b's instance must not start afterwards.
        Plan plan = new Plan(List.of(project("b"), project("a"), create("b", "y")));

        ApplyReport report = new Applier(runner, 2, listener).apply(plan);

        assertEquals(List.of(project("b")), report.done());
        assertEquals(List.of(create("b", "y")), report.notDone());
    }

    @Test
    void emptyPlanDoesNothing() {
        ApplyReport report = new Applier(a -> { throw new AssertionError(); }, 2, ApplyListener.NONE).apply(new Plan(List.of()));

        assertTrue(report.succeeded());
        assertTrue(report.done().isEmpty());
    }

    @Test
    void rejectsNonPositiveParallelism() {
        assertThrows(IllegalArgumentException.class, () -> new Applier(a -> {}, 0, ApplyListener.NONE));
    }
}
