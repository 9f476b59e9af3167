package io.anklume.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.anklume.core.plan.lab.PlanLab;
import io.anklume.incus.IncusClient;
import io.anklume.incus.model.InstancePut;
import io.anklume.incus.model.Profile;
import io.anklume.incus.model.Project;
import io.anklume.incus.model.StateAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TUI's cached re-plan against the real daemon: a no-op re-plan sends no request, and a change made
 * by another client (instance, bridge, project, profile) shows in the plans as soon as its lifecycle
 * event arrives, far sooner than the cache's one-minute limit. One {@code t-pl<random>} domain, removed
 * at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservedStateCacheIT {
    /** Events arrive within milliseconds; without them nothing would change for 30 minutes. */
    private static final Duration EVENT_WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    private static IncusClient other;
    private static CountingIncus counted;
    private static Reconciler reconciler;
    private static String domain;
    private static Path file;

    @BeforeAll
    static void applyAnInfra() throws Exception {
        other = PlanLab.connect();
        domain = PlanLab.newDomainName();
        file = dir.resolve("infra.yml");
        // A profile no machine uses: changing it by hand touches no running container.
        Files.writeString(file, PlanLab.yaml(domain, PlanLab.freeZone(other, new HashSet<>()), 2, "64MiB")
                + "    profiles:\n      spare:\n        config:\n          limits.cpu: \"1\"\n");
        counted = new CountingIncus(PlanLab.connect());
        // Reconciler.cached, but kept for 30 minutes instead of one: only an event can explain a change
        // showing in the plans within EVENT_WAIT, however long the run takes.
        reconciler = new Reconciler(counted.client(), false,
                new PreApplySnapshots(java.time.Clock.systemUTC(), PreApplySnapshots.DEFAULT_KEEP),
                new ObservedStateCache(counted.client(), Duration.ofMinutes(30),
                        com.github.benmanes.caffeine.cache.Ticker.systemTicker(), ObservedStateCache.FIRST_CONNECT_WAIT));
        try {
            ApplyReport report = reconciler.apply(reconciler.plan(file).plan(), 8, ApplyListener.NONE);
            assertTrue(report.succeeded(), () -> String.join("\n", report.lines()));
        } finally {
            PlanLab.mark(other, domain);
        }
    }

    @AfterAll
    static void cleanUp() {
        try {
            if (reconciler != null) {
                reconciler.close();
                counted.client().close();
            }
        } finally {
            if (other != null) {
                try {
                    PlanLab.removeDomain(other, domain);
                } finally {
                    other.close();
                }
            }
        }
    }

    private static Plan plan() {
        return reconciler.plan(file).plan();
    }

    /**
     * Plans until a plan is empty and sent no request (the events of the last change may still be
     * dropping what was kept), then checks one more plan sends none either.
     */
    private static void awaitQuietNoOpPlan() {
        long deadline = System.nanoTime() + EVENT_WAIT.toNanos();
        List<String> calls = List.of();
        while (System.nanoTime() < deadline) {
            counted.take();
            Plan plan = plan();
            calls = counted.take();
            assertTrue(plan.isEmpty(), plan::toText);
            if (calls.isEmpty()) {
                Plan again = plan();
                assertTrue(again.isEmpty(), again::toText);
                assertEquals(List.of(), counted.take(), "a no-op re-plan sends no request");
                return;
            }
            pause();
        }
        fail("every no-op re-plan for " + EVENT_WAIT + " still sent requests, the last: " + calls);
    }

    /** Plans until one shows a line starting with {@code expected}; then applies it to undo the change. */
    private static void awaitPlannedAndUndo(String expected) {
        long deadline = System.nanoTime() + EVENT_WAIT.toNanos();
        Plan plan = null;
        while (System.nanoTime() < deadline) {
            plan = plan();
            if (plan.diffLines().stream().anyMatch(l -> l.startsWith(expected))) {
                ApplyReport report = reconciler.apply(plan, 8, ApplyListener.NONE);
                assertTrue(report.succeeded(), () -> String.join("\n", report.lines()));
                awaitQuietNoOpPlan();
                return;
            }
            pause();
        }
        fail("no plan showed '" + expected + "' within " + EVENT_WAIT + " (is the lifecycle event ignored?); the last:\n"
                + plan.toText());
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(1)
    void aNoOpRePlanSendsNoRequest() {
        awaitQuietNoOpPlan();
    }

    @Test
    @Order(2)
    void anInstanceChangedByAnotherClientIsPlannedOnItsEvent() {
        awaitQuietNoOpPlan();
        other.instances().patch(domain, domain + "-m1",
                new InstancePut(Map.of("limits.memory", "96MiB"), null, null, null, null), null);

        awaitPlannedAndUndo("~ update " + domain + "-m1 limits.memory 96MiB → 64MiB");
    }

    @Test
    @Order(3)
    void anInstanceStoppedByAnotherClientIsPlannedOnItsEvent() {
        awaitQuietNoOpPlan();
        other.instances().changeState(domain, domain + "-m2", new StateAction(StateAction.Kind.STOP, 0, true, false))
                .await(Duration.ofMinutes(1));

        awaitPlannedAndUndo("~ start instance " + domain + "-m2 in project " + domain);
    }

    @Test
    @Order(4)
    void aBridgeChangedByAnotherClientIsPlannedOnItsEvent() {
        awaitQuietNoOpPlan();
        String bridge = "net-" + domain;
        String ranges = other.networks().find(null, bridge).orElseThrow().config().get("ipv4.dhcp.ranges");
        String narrower = ranges.replaceAll("\\.249$", ".200");
        other.networks().patch(null, bridge, Map.of("ipv4.dhcp.ranges", narrower));

        awaitPlannedAndUndo("~ update network " + bridge + " ipv4.dhcp.ranges " + narrower + " → " + ranges);
    }

    @Test
    @Order(5)
    void aProjectChangedByAnotherClientIsPlannedOnItsEvent() {
        awaitQuietNoOpPlan();
        Project p = other.projects().find(domain).orElseThrow();
        Map<String, String> config = new LinkedHashMap<>(p.config());
        config.put("user.anklume.trust", "trusted");
        other.projects().update(domain, p.description(), config);

        awaitPlannedAndUndo("~ update project " + domain + " user.anklume.trust trusted → admin");
    }

    @Test
    @Order(6)
    void aProfileChangedByAnotherClientIsPlannedOnItsEvent() {
        awaitQuietNoOpPlan();
        Profile p = other.profiles().find(domain, "spare").orElseThrow();
        Map<String, String> config = new LinkedHashMap<>(p.config());
        config.put("limits.cpu", "2");
        other.profiles().update(domain, new Profile(p.name(), p.description(), config, p.devices(), p.usedBy(),
                p.project()));

        awaitPlannedAndUndo("~ update profile " + domain + "/spare limits.cpu 2 → 1");
    }
}
