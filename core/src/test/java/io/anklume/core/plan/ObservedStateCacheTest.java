package io.anklume.core.plan;

import static io.anklume.core.plan.Fixtures.addresses;
import static io.anklume.core.plan.Fixtures.domain;
import static io.anklume.core.plan.Fixtures.infra;
import static io.anklume.core.plan.Fixtures.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.Infra;
import io.anklume.core.infra.TrustLevel;
import io.anklume.incus.model.StateAction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plan view's cache of the observed state against {@link FakeIncus} and its hand-driven event stream. */
class ObservedStateCacheTest {
    private static final List<String> EVERYTHING = List.of("bridge net-perso", "bridge net-pro", "instances",
            "operations", "profiles perso", "profiles pro", "projects");

    private final FakeIncus incus = new FakeIncus();
    private final AtomicLong nanos = new AtomicLong();
    private ObservedStateCache cache;

    private static Infra workstation(String webMemory) {
        return infra(
                domain("pro", TrustLevel.TRUSTED, machine("pro-web", "pro", Map.of("limits.memory", webMemory)),
                        machine("pro-dev", "pro", Map.of())),
                domain("perso", TrustLevel.SEMI_TRUSTED, machine("perso-1", "perso", Map.of())));
    }

    @BeforeEach
    void converged() {
        Infra infra = workstation("1GiB");
        Plan first = new Planner(incus).plan(infra, addresses(infra), PlanOptions.DEFAULT);
        assertTrue(new Applier(new IncusActionRunner(incus), 3, ApplyListener.NONE).apply(first).succeeded());
        cache = new ObservedStateCache(incus, ObservedStateCache.MAX_AGE, nanos::get, Duration.ofMillis(20));
    }

    @AfterEach
    void close() {
        cache.close();
    }

    private Plan plan(Infra infra) {
        return new Planner(incus, cache).plan(infra, addresses(infra), PlanOptions.DEFAULT);
    }

    /** The requests of one plan of the converged workstation, sorted; the plan must be empty. */
    private List<String> readsOfANoOpPlan() {
        incus.reads.clear();
        Plan plan = plan(workstation("1GiB"));
        assertTrue(plan.isEmpty(), plan::toText);
        return incus.reads.stream().sorted().toList();
    }

    private void stop(String project, String name) {
        incus.instances().changeState(project, name, StateAction.of(StateAction.Kind.STOP)).await();
    }

    @Test
    void theEventStreamOpensAtTheFirstPlanAndClosesWithTheCache() {
        assertEquals(0, incus.events.subscriptions.get());

        readsOfANoOpPlan();
        readsOfANoOpPlan();
        cache.close();

        assertEquals(1, incus.events.subscriptions.get());
        assertEquals(1, incus.events.closed.get());
    }

    @Test
    void aNoOpRePlanSendsNoRequest() {
        assertEquals(EVERYTHING, readsOfANoOpPlan());

        assertEquals(List.of(), readsOfANoOpPlan());
        assertEquals(List.of(), readsOfANoOpPlan());
    }

    @Test
    void eachEventDropsOnlyWhatItMayHaveChanged() {
        readsOfANoOpPlan();
        Map<List<String>, List<String>> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("instance-updated", "pro", "pro-web"), List.of("instances", "operations"));
        cases.put(List.of("instance-snapshot-created", "perso", "perso-1"), List.of("instances", "operations"));
        cases.put(List.of("network-updated", "default", "net-pro"), List.of("bridge net-perso", "bridge net-pro", "operations"));
        cases.put(List.of("project-updated", "default", "pro"), List.of("operations", "profiles pro", "projects"));
        cases.put(List.of("profile-updated", "perso", "default"), List.of("instances", "operations", "profiles perso"));
        // Projects without features.profiles read the default project's profiles.
        cases.put(List.of("profile-updated", "default", "default"),
                List.of("instances", "operations", "profiles perso", "profiles pro"));
        cases.put(List.of("image-created", "default", "abc"), List.of());
        cases.put(List.of("storage-volume-created", "default", "vol"), List.of());
        cases.put(List.of("cluster-member-added", "default", "node2"), EVERYTHING);
        cases.forEach((event, expected) -> {
            incus.events.lifecycle(event.get(0), event.get(1), event.get(2));
            assertEquals(expected, readsOfANoOpPlan(), event.get(0));
            assertEquals(List.of(), readsOfANoOpPlan(), "kept again after " + event.get(0));
        });
    }

    @Test
    void aChangeThatCameWithItsEventIsPlanned() {
        readsOfANoOpPlan();
        stop("pro", "pro-web");

        incus.events.lifecycle("instance-stopped", "pro", "pro-web");

        assertEquals(List.of("~ start instance pro-web in project pro"), plan(workstation("1GiB")).diffLines());
    }

    @Test
    void aReadInProgressDuringItsInvalidationIsNotKeptAsFresh() {
        readsOfANoOpPlan();
        incus.events.lifecycle("instance-updated", "pro", "pro-dev");
        // The instance list is taken, then pro-web stops and its event arrives before the read returns.
        incus.afterInstanceRead = () -> {
            incus.afterInstanceRead = () -> { };
            stop("pro", "pro-web");
            incus.events.lifecycle("instance-stopped", "pro", "pro-web");
        };
        assertTrue(plan(workstation("1GiB")).isEmpty(), "the read in progress still saw pro-web running");

        incus.reads.clear();
        Plan next = plan(workstation("1GiB"));

        assertEquals(List.of("~ start instance pro-web in project pro"), next.diffLines());
        assertEquals(List.of("instances", "operations"), incus.reads.stream().sorted().toList());
    }

    @Test
    void aStreamLostAndBackDuringAReadKeepsNothingOfIt() {
        readsOfANoOpPlan();
        incus.events.lifecycle("instance-updated", "pro", "pro-dev");
        incus.afterInstanceRead = () -> {
            incus.afterInstanceRead = () -> { };
            stop("pro", "pro-web");
            incus.events.connection(false); // the stop's event is lost with the stream
            incus.events.connection(true);
        };
        plan(workstation("1GiB"));

        incus.reads.clear();
        Plan next = plan(workstation("1GiB"));

        assertEquals(List.of("~ start instance pro-web in project pro"), next.diffLines());
        assertEquals(EVERYTHING, incus.reads.stream().sorted().toList());
    }

    @Test
    void aLostStreamDropsEverythingAndNothingIsKeptUntilItIsBack() {
        readsOfANoOpPlan();

        incus.events.connection(false);
        assertEquals(EVERYTHING, readsOfANoOpPlan());
        assertEquals(EVERYTHING, readsOfANoOpPlan(), "events may be missed while the stream is down");

        incus.events.connection(true);
        assertEquals(EVERYTHING, readsOfANoOpPlan());
        assertEquals(List.of(), readsOfANoOpPlan());
    }

    @Test
    void aStreamThatIsNotConnectedYetKeepsNothing() {
        incus.events.connectOnSubscribe = false;

        assertEquals(EVERYTHING, readsOfANoOpPlan());
        assertEquals(EVERYTHING, readsOfANoOpPlan());
    }

    @Test
    void ourOwnApplyDropsEverythingWithoutWaitingForItsEvents() {
        Reconciler reconciler = new Reconciler(incus, false, null, cache);
        readsOfANoOpPlan();
        Plan bigger = plan(workstation("2GiB"));
        assertEquals(List.of("~ update pro-web limits.memory 1GiB → 2GiB"), bigger.diffLines());

        // Another plan while the apply runs, before the change lands (the fake sends no events).
        ApplyListener planMeanwhile = new ApplyListener() {
            @Override
            public void started(Action action) {
                assertEquals(bigger.diffLines(), plan(workstation("2GiB")).diffLines());
            }
        };

        assertTrue(reconciler.apply(bigger, 1, planMeanwhile).succeeded());

        incus.reads.clear();
        Plan after = plan(workstation("2GiB"));
        assertTrue(after.isEmpty(), after::toText);
        assertEquals(EVERYTHING, incus.reads.stream().sorted().toList());
    }

    @Test
    void whatIsKeptIsReadAgainAfterAMinute() {
        readsOfANoOpPlan();
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertEquals(List.of(), readsOfANoOpPlan());

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(EVERYTHING, readsOfANoOpPlan());
    }
}
