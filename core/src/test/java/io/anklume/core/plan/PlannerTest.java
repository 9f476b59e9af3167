package io.anklume.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.when;

import io.anklume.core.infra.Domain;
import io.anklume.core.infra.Infra;
import io.anklume.core.infra.Machine;
import io.anklume.core.infra.TrustLevel;
import io.anklume.incus.IncusClient;
import io.anklume.incus.InstancesApi;
import io.anklume.incus.NetworksApi;
import io.anklume.incus.OperationsApi;
import io.anklume.incus.ProfilesApi;
import io.anklume.incus.ProjectsApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private final IncusClient incus = mock(IncusClient.class);
    private final ProjectsApi projects = mock(ProjectsApi.class);
    private final NetworksApi networks = mock(NetworksApi.class);
    private final ProfilesApi profiles = mock(ProfilesApi.class);
    private final InstancesApi instances = mock(InstancesApi.class);
    private final OperationsApi operations = mock(OperationsApi.class);

    PlannerTest() {
        when(incus.projects()).thenReturn(projects);
        when(incus.networks()).thenReturn(networks);
        when(incus.profiles()).thenReturn(profiles);
        when(incus.instances()).thenReturn(instances);
        when(incus.operations()).thenReturn(operations);
    }

    private static Infra infraWith(int machinesPerDomain) {
        List<Domain> domains = new ArrayList<>();
        for (String d : List.of("pro", "perso")) {
            List<Machine> machines = new ArrayList<>();
            for (int i = 0; i < machinesPerDomain; i++) {
                machines.add(Fixtures.machine(d + "-" + i, d, Map.of()));
            }
            domains.add(Fixtures.domain(d, TrustLevel.TRUSTED, machines.toArray(Machine[]::new)));
        }
        return Fixtures.infra(domains.toArray(Domain[]::new));
    }

    private int requestsToPlan(Infra infra) {
        ObservedState observed = Fixtures.converged(DesiredStateBuilder.build(infra, Fixtures.addresses(infra)));
        when(projects.list()).thenReturn(new ArrayList<>(observed.projects().values()));
        observed.networks().forEach((name, n) -> when(networks.find(null, name)).thenReturn(java.util.Optional.of(n)));
        observed.profilesByProject().forEach((p, m) -> when(profiles.list(p)).thenReturn(new ArrayList<>(m.values())));
        when(instances.listAllProjects(false)).thenReturn(observed.instances());
        when(operations.listAll()).thenReturn(List.of());
        org.mockito.Mockito.clearInvocations(projects, networks, profiles, instances, operations);

        Plan plan = new Planner(incus).plan(infra, Fixtures.addresses(infra), PlanOptions.DEFAULT);

        assertTrue(plan.isEmpty(), plan::toText);
        return List.of(projects, networks, profiles, instances, operations).stream()
                .mapToInt(m -> mockingDetails(m).getInvocations().size()).sum();
    }

    @Test
    void requestCountDoesNotGrowWithInstances() {
        int few = requestsToPlan(infraWith(1));
        int many = requestsToPlan(infraWith(60));

        assertEquals(few, many);
        // projects, 2 bridges, 2 profile lists, operations, instances of all projects
        assertEquals(7, many);
    }

    @Test
    void remoteImageIsRefusedWithAHint() {
        Machine m = new Machine("web", "pro", "", Machine.Type.LXC, null, "images:debian/13", null, false, List.of(), null,
                null, null, null, null, Map.of(), Map.of(), Map.of(), Map.of(), List.of());
        Infra infra = Fixtures.infra(Fixtures.domain("pro", TrustLevel.TRUSTED, m));
        when(projects.list()).thenReturn(List.of());
        when(instances.listAllProjects(false)).thenReturn(List.of());
        when(operations.listAll()).thenReturn(List.of());

        PlanException e = assertThrows(PlanException.class,
                () -> new Planner(incus).plan(infra, Fixtures.addresses(infra), PlanOptions.DEFAULT));
        assertTrue(e.getMessage().contains("incus image copy images:debian/13 local: --alias debian/13"), e.getMessage());
    }

    @Test
    void unknownDomainFilterIsRefused() {
        Infra infra = infraWith(1);
        assertThrows(PlanException.class,
                () -> new Planner(incus).plan(infra, Fixtures.addresses(infra), new PlanOptions(false, "nope")));
    }

    private static Infra withPolicy(boolean overcommit, String explicitMemory) {
        Infra base = Fixtures.infra(Fixtures.domain("pro", TrustLevel.TRUSTED,
                Fixtures.machine("pro-a", "pro", Map.of()), Fixtures.machine("pro-b", "pro", Map.of("limits.memory", explicitMemory))));
        io.anklume.core.infra.ResourcePolicy policy = new io.anklume.core.infra.ResourcePolicy("25%", "25%",
                io.anklume.core.infra.ResourcePolicy.Mode.EQUAL, io.anklume.core.infra.ResourcePolicy.CpuMode.COUNT,
                io.anklume.core.infra.ResourcePolicy.MemoryEnforce.HARD, overcommit);
        io.anklume.core.infra.Global g = base.global();
        return new Infra(base.projectName(), new io.anklume.core.infra.Global(g.baseOctet(), g.zoneBase(),
                g.defaultOsImage(), g.gpuPolicy(), g.firewallMode(), policy), base.domains(), base.networkPolicies(),
                base.source());
    }

    private void emptyIncusWithHost(int cpus, long memory) {
        io.anklume.incus.ServerApi server = mock(io.anklume.incus.ServerApi.class);
        when(incus.server()).thenReturn(server);
        when(server.resources()).thenReturn(new io.anklume.incus.model.Resources(
                new io.anklume.incus.model.Resources.Cpu(cpus), new io.anklume.incus.model.Resources.Memory(memory, 0), null));
        when(projects.list()).thenReturn(List.of());
        when(instances.listAllProjects(false)).thenReturn(List.of());
        when(operations.listAll()).thenReturn(List.of());
    }

    @Test
    void resourcePolicyLimitsMachinesThatSetNoneThemselves() {
        emptyIncusWithHost(8, 16L << 30);
        Infra infra = withPolicy(true, "1GiB");

        Plan plan = new Planner(incus).plan(infra, Fixtures.addresses(infra), PlanOptions.DEFAULT);

        Map<String, Map<String, String>> configs = new java.util.HashMap<>();
        plan.actions().stream().filter(a -> a instanceof Action.CreateInstance).map(a -> (Action.CreateInstance) a)
                .forEach(c -> configs.put(c.name(), c.config()));
        assertEquals("3", configs.get("pro-a").get("limits.cpu"));
        assertEquals("12GiB", configs.get("pro-a").get("limits.memory"));
        assertEquals("1GiB", configs.get("pro-b").get("limits.memory"));
        assertTrue(configs.get("pro-a").get("user.anklume.config-keys").contains("limits.cpu"));
    }

    @Test
    void resourceOvercommitIsRefusedUnlessAllowed() {
        emptyIncusWithHost(2, 2L << 30);

        Infra strict = withPolicy(false, "8GiB");
        PlanException e = assertThrows(PlanException.class,
                () -> new Planner(incus).plan(strict, Fixtures.addresses(strict), PlanOptions.DEFAULT));
        assertTrue(e.getMessage().startsWith("Resource overcommit"), e.getMessage());

        Infra lenient = withPolicy(true, "8GiB");
        Plan plan = new Planner(incus).plan(lenient, Fixtures.addresses(lenient), PlanOptions.DEFAULT);
        assertTrue(plan.toText().startsWith("warning: Resource overcommit"), plan.toText());
    }

    @Test
    void exclusiveGpuIsRefusedWhenAnotherInstanceHoldsIt() {
        Machine ai = new Machine("ai", "lab", "", Machine.Type.LXC, null, null, true, true, List.of(), null, null, null,
                null, null, Map.of(), Map.of(), Map.of(), Map.of(), List.of());
        Infra infra = Fixtures.infra(Fixtures.domain("lab", TrustLevel.ADMIN, ai));
        io.anklume.incus.model.Instance holder = Fixtures.instance("default", "hand-gpu", "Running", Map.of(),
                Map.of("card", Map.of("type", "gpu")), List.of("default"));
        when(projects.list()).thenReturn(List.of());
        when(instances.listAllProjects(false)).thenReturn(List.of(holder));
        when(operations.listAll()).thenReturn(List.of());

        PlanException e = assertThrows(PlanException.class,
                () -> new Planner(incus).plan(infra, Fixtures.addresses(infra), PlanOptions.DEFAULT));
        assertTrue(e.getMessage().contains("hand-gpu already has the GPU, so ai cannot get one"), e.getMessage());
    }
}
