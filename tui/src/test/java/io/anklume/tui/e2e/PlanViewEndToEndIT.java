package io.anklume.tui.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.anklume.core.plan.lab.PlanLab;
import io.anklume.incus.IncusClient;
import io.anklume.incus.model.InstancePut;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan view (P) of the real jar in tmux against the real daemon, by keys only: plan a small infra
 * file, apply it (a, y), re-plan (R) to "no changes"; then another client changes an instance and a
 * re-plan in the same session shows it. The plan view keeps what it read from Incus for up to a minute
 * unless an Incus event drops it, so seeing the change within {@link #EVENT_WAIT} proves the events
 * reach the cached plan end to end. One {@code t-pl<random>} domain, marked and removed at the end.
 */
class PlanViewEndToEndIT {
    static final Duration WAIT = Duration.ofSeconds(60);
    /** Well under the cache's one-minute limit: only an event can make a change show this soon. */
    static final Duration EVENT_WAIT = Duration.ofSeconds(15);

    static IncusClient other;
    static String domain;

    @BeforeAll
    static void connect() {
        other = PlanLab.connect();
        domain = PlanLab.newDomainName();
    }

    @AfterAll
    static void cleanUp() {
        try {
            PlanLab.removeDomain(other, domain);
        } finally {
            other.close();
        }
    }

    @Test
    void planApplyAndReplanFollowsAnotherClientsChange(@TempDir Path dir) throws Exception {
        Path infra = dir.resolve("infra.yml");
        Files.writeString(infra, PlanLab.yaml(domain, PlanLab.freeZone(other, new HashSet<>()), 2, "64MiB"));
        String first = domain + "-m1";
        String second = domain + "-m2";
        try (Tmux t = TuiEndToEndIT.start(infra)) {
            t.waitForText("instances", WAIT);
            t.keys("P");
            // One condition for the whole plan: tmux may show a frame the program is still writing.
            t.waitFor("the plan to create the domain and both machines", s -> s.contains("+ create project " + domain)
                    && s.contains("+ create network net-" + domain) && s.contains("+ create instance " + first)
                    && s.contains("+ create instance " + second) && s.contains("(a applies, R plans again)"), WAIT);

            t.keys("a");
            t.waitForText("to Incus? [y/N]", WAIT);
            try {
                t.keys("y");
                t.waitForText("applied: ", WAIT);
            } finally {
                PlanLab.mark(other, domain);
            }
            assertEquals("Running", other.instances().get(domain, first).status());
            assertEquals("Running", other.instances().get(domain, second).status());

            t.keys("R");
            t.waitForText("No changes. Incus matches " + infra, WAIT);

            other.instances().patch(domain, first, new InstancePut(Map.of("limits.memory", "96MiB"), null, null, null, null),
                    null);
            String drift = "~ update " + first + " limits.memory 96MiB";
            awaitAfterReplans(t, "the change of " + first, s -> s.contains(drift) && !s.contains("No changes."));

            // And the view puts it back: apply, then a re-plan matches the file again.
            t.keys("a");
            t.waitForText("to Incus? [y/N]", WAIT);
            t.keys("y");
            t.waitForText("applied: ", WAIT);
            assertEquals("64MiB", other.instances().get(domain, first).config().get("limits.memory"));
            t.keys("R");
            t.waitForText("No changes. Incus matches " + infra, WAIT);
            t.keys("q");
            t.waitFor("the program to exit", s -> t.paneDead(), WAIT);
        }
    }

    /**
     * Presses R until the plan shows what {@code shown} wants: the change's event may reach the program
     * a moment after the request that made it returns, and a re-plan before that may see the kept state.
     */
    private static void awaitAfterReplans(Tmux t, String what, Predicate<String> shown) {
        long deadline = System.nanoTime() + EVENT_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            t.keys("R");
            try {
                t.waitFor(what, shown, Duration.ofSeconds(1));
                return;
            } catch (AssertionError notYet) {
                // Plan again.
            }
        }
        throw new AssertionError("no re-plan within " + EVENT_WAIT.toSeconds() + " s showed " + what
                + "; the screen was:\n" + t.screen());
    }
}
