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
        when(networks.list(any())).thenReturn(new ArrayList<>(observed.networks().values()));
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
        assertEquals(6, many); // projects, networks, 2 profile lists, operations, instances of all projects
    }

    @Test
    void remoteImageIsRefusedWithAHint() {
        Machine m = new Machine("web", "pro", "", Machine.Type.LXC, null, "images:debian/13", null, false, List.of(), null,
                null, null, null, null, Map.of(), Map.of(), Map.of(), Map.of(), List.of());
        Infra infra = Fixtures.infra(Fixtures.domain("pro", TrustLevel.TRUSTED, m));
        when(projects.list()).thenReturn(List.of());
        when(networks.list(any())).thenReturn(List.of());
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
}
