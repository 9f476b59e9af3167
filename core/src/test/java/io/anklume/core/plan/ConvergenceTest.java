package io.anklume.core.plan;

import static io.anklume.core.plan.Fixtures.addresses;
import static io.anklume.core.plan.Fixtures.domain;
import static io.anklume.core.plan.Fixtures.infra;
import static io.anklume.core.plan.Fixtures.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.Domain;
import io.anklume.core.infra.Infra;
import io.anklume.core.infra.Machine;
import io.anklume.core.infra.TrustLevel;
import io.anklume.incus.model.Instance;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Plan, apply, plan again against {@link FakeIncus}: the second plan is always empty. */
class ConvergenceTest {
    private final FakeIncus incus = new FakeIncus();

    private static Infra workstation(String proMemory, Map<String, Map<String, String>> devDevices) {
        Machine dev = new Machine("pro-dev", "pro", "", Machine.Type.LXC, null, null, null, false, List.of(), null, true, 10,
                "0 2 * * *", "30d", Map.of("limits.memory", proMemory), devDevices, Map.of(), Map.of(), List.of());
        Machine gpu = new Machine("ai-box", "ai", "", Machine.Type.LXC, "10.100.1.50", null, true, true, List.of(), null,
                null, null, null, null, Map.of(), Map.of(), Map.of(), Map.of(), List.of());
        return infra(
                domain("pro", TrustLevel.TRUSTED, dev, machine("pro-web", "pro", Map.of())),
                new Domain("ai", "", true, null, TrustLevel.ADMIN, false,
                        Map.of("small", new io.anklume.core.infra.ProfileSpec("small", Map.of("limits.cpu", "1"), Map.of())),
                        List.of(gpu)),
                domain("perso", TrustLevel.SEMI_TRUSTED, machine("perso-1", "perso", Map.of()),
                        machine("perso-2", "perso", Map.of()), machine("perso-3", "perso", Map.of())));
    }

    private Plan plan(Infra infra) {
        return new Planner(incus).plan(infra, addresses(infra), PlanOptions.DEFAULT);
    }

    private ApplyReport apply(Plan plan, ActionRunner runner) {
        return new Applier(runner, 3, ApplyListener.NONE).apply(plan);
    }

    @Test
    void applyThenPlanIsEmpty() {
        Infra infra = workstation("2GiB", Map.of());
        Plan first = plan(infra);

        ApplyReport report = apply(first, new IncusActionRunner(incus));

        assertTrue(report.succeeded(), () -> String.join("\n", report.lines()));
        assertTrue(plan(infra).isEmpty(), () -> plan(infra).toText());
        assertEquals(6, incus.instances.size());
        assertTrue(incus.instances.values().stream().allMatch(Instance::isRunning));
        assertEquals("10.100.1.50", incus.instances.get("ai/ai-box").devices().get("eth0").get("ipv4.address"));
        assertEquals(List.of("default", "gpu"), incus.instances.get("ai/ai-box").profiles());
        assertFalse(incus.instances.get("ai/ai-box").config().containsKey("security.protection.delete"));
    }

    @Test
    void limitChangeIsOneUpdateAndConverges() {
        apply(plan(workstation("2GiB", Map.of())), new IncusActionRunner(incus));

        Plan change = plan(workstation("4GiB", Map.of()));

        assertEquals(List.of("~ update pro-dev limits.memory 2GiB → 4GiB"), change.diffLines());
        assertTrue(apply(change, new IncusActionRunner(incus)).succeeded());
        assertTrue(plan(workstation("4GiB", Map.of())).isEmpty());
    }

    @Test
    void deviceDroppedFromTheFileIsRemovedThroughPut() {
        Map<String, Map<String, String>> data = Map.of("data", Map.of("type", "disk", "source", "/srv", "path", "/mnt"));
        apply(plan(workstation("2GiB", data)), new IncusActionRunner(incus));
        assertTrue(incus.instances.get("pro/pro-dev").devices().containsKey("data"));

        Plan drop = plan(workstation("2GiB", Map.of()));
        assertTrue(apply(drop, new IncusActionRunner(incus)).succeeded());

        assertFalse(incus.instances.get("pro/pro-dev").devices().containsKey("data"));
        assertTrue(incus.instances.get("pro/pro-dev").config().containsKey("volatile.idmap.base"));
        assertTrue(plan(workstation("2GiB", Map.of())).isEmpty());
    }

    @Test
    void anApplyStoppedAfterAnyNumberOfActionsConvergesOnTheNextApply() {
        Infra infra = workstation("2GiB", Map.of());
        int total = new Planner(new FakeIncus()).plan(infra, addresses(infra), PlanOptions.DEFAULT).size();
        for (int stopAfter = 0; stopAfter < total; stopAfter++) {
            FakeIncus fresh = new FakeIncus();
            AtomicInteger budget = new AtomicInteger(stopAfter);
            IncusActionRunner real = new IncusActionRunner(fresh);
            ActionRunner dying = a -> {
                if (budget.getAndDecrement() <= 0) {
                    throw new IllegalStateException("killed");
                }
                real.run(a);
            };
            Planner planner = new Planner(fresh);
            ApplyReport interrupted = new Applier(dying, 1, ApplyListener.NONE)
                    .apply(planner.plan(infra, addresses(infra), PlanOptions.DEFAULT));
            assertFalse(interrupted.succeeded());

            ApplyReport resumed = new Applier(real, 3, ApplyListener.NONE)
                    .apply(planner.plan(infra, addresses(infra), PlanOptions.DEFAULT));

            int n = stopAfter;
            assertTrue(resumed.succeeded(), () -> "after " + n + ": " + resumed.lines());
            Plan after = planner.plan(infra, addresses(infra), PlanOptions.DEFAULT);
            assertTrue(after.isEmpty(), () -> "after " + n + ":\n" + after.toText());
        }
    }

    @Test
    void instanceCreatedButNotStartedIsStarted() {
        Infra infra = workstation("2GiB", Map.of());
        apply(plan(infra), new IncusActionRunner(incus));
        incus.instances().changeState("perso", "perso-2",
                io.anklume.incus.model.StateAction.of(io.anklume.incus.model.StateAction.Kind.STOP)).await();

        Plan plan = plan(infra);

        assertEquals(List.of("~ start instance perso-2 in project perso"), plan.diffLines());
        assertTrue(apply(plan, new IncusActionRunner(incus)).succeeded());
        assertTrue(incus.instances.get("perso/perso-2").isRunning());
    }
}
