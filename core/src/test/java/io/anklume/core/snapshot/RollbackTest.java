package io.anklume.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.anklume.core.ActionException;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.IncusClient;
import io.anklume.incus.InstancesApi;
import io.anklume.incus.SnapshotsApi;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RollbackTest {
    private final IncusClient client = mock(IncusClient.class);
    private final InstancesApi instances = mock(InstancesApi.class);
    private final SnapshotsApi snapshots = mock(SnapshotsApi.class);

    private static Instance instance(String project, String name, boolean managed) {
        Instance i = mock(Instance.class);
        when(i.name()).thenReturn(name);
        when(i.project()).thenReturn(project);
        when(i.config()).thenReturn(managed ? Map.of("user.anklume.managed", "true") : Map.of());
        return i;
    }

    private static Snapshot snap(String name) {
        return new Snapshot(name, Instant.parse("2026-12-03T10:00:00Z"), null, false, 0);
    }

    @BeforeEach
    void setUp() {
        when(client.instances()).thenReturn(instances);
        when(client.snapshots()).thenReturn(snapshots);
        Instance a = instance("pro", "a", true);
        Instance b = instance("pro", "b", true);
        Instance c = instance("pro", "c", false);
        when(instances.listAllProjects(false)).thenReturn(List.of(b, a, c));
        when(instances.get("pro", "b")).thenReturn(b);
        when(snapshots.list("pro", "a")).thenReturn(List.of(snap("pre-apply-20261203-100000"),
                snap("pre-apply-20261203-110000"), snap("snap-20261203-120000")));
        when(snapshots.list("pro", "b")).thenReturn(List.of(snap("pre-apply-20261203-100000")));
        when(snapshots.list("pro", "c")).thenReturn(List.of(snap("pre-apply-20261203-130000")));
    }

    @Test
    void theLastApplyIsTheNewestPreApplyNameAmongManagedInstancesOnly() {
        List<Rollback.Step> steps = new Rollback(client, false).lastApply();
        assertEquals(List.of("pro/a → pre-apply-20261203-110000"), steps.stream().map(Object::toString).toList());
    }

    @Test
    void namedInstancesGoToTheirOwnNewestPreApplySnapshot() {
        List<Rollback.Step> steps = new Rollback(client, false).of(List.of(new InstanceRef("pro", "b")));
        assertEquals("pre-apply-20261203-100000", steps.get(0).snapshot());
    }

    @Test
    void readOnlyRefusesNamingTheInstance() {
        List<Rollback.Step> steps = new Rollback(client, true).lastApply();
        ActionException e = assertThrows(ActionException.class, () -> new Rollback(client, true).run(steps));
        assertTrue(e.getMessage().startsWith("cannot roll back pro/a: anklume-tui runs in read-only mode"), e.getMessage());
    }
}
