package io.anklume.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.InstancesApi;
import io.anklume.incus.OperationHandle;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstancePut;
import io.anklume.incus.model.StateAction;
import io.anklume.incus.model.Tagged;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

class IncusActionRunnerTest {
    private final IncusClient incus = mock(IncusClient.class);
    private final InstancesApi instances = mock(InstancesApi.class);
    private final OperationHandle op = mock(OperationHandle.class);
    private final IncusActionRunner runner = new IncusActionRunner(incus);

    IncusActionRunnerTest() {
        when(incus.instances()).thenReturn(instances);
        when(instances.put(anyString(), anyString(), any(), any())).thenReturn(op);
        when(instances.delete(anyString(), anyString())).thenReturn(op);
        when(instances.changeState(anyString(), anyString(), any())).thenReturn(op);
    }

    @Test
    void configChangesArePatchedWithEmptyValueForRemoval() {
        Action.UpdateInstance update = new Action.UpdateInstance("pro", "pro", "dev",
                List.of(new ConfigChange("limits.memory", "2GiB", "4GiB"), new ConfigChange("limits.cpu", "2", null)),
                List.of(new DeviceChange("eth0", null, Map.of("type", "nic"))), null, null);

        runner.run(update);

        ArgumentCaptor<InstancePut> body = ArgumentCaptor.forClass(InstancePut.class);
        verify(instances).patch(eq("pro"), eq("dev"), body.capture(), isNull());
        assertEquals(Map.of("limits.memory", "4GiB", "limits.cpu", ""), body.getValue().config());
        assertEquals(Map.of("eth0", Map.of("type", "nic")), body.getValue().devices());
        assertEquals(null, body.getValue().profiles());
        verify(instances, never()).put(anyString(), anyString(), any(), any());
    }

    @Test
    void deviceRemovalReadsAndPutsTheWholeInstanceWithItsEtag() {
        Map<String, String> config = Map.of("volatile.idmap.base", "0", "limits.cpu", "2", "user.x", "kept");
        Map<String, Map<String, String>> devices = Map.of("data", Map.of("type", "disk"), "eth0", Map.of("type", "nic"));
        Instance have = Fixtures.instance("pro", "dev", "Running", config, devices, List.of("default"));
        when(instances.getTagged("pro", "dev")).thenReturn(new Tagged<>(have, "etag-1"));
        Action.UpdateInstance update = new Action.UpdateInstance("pro", "pro", "dev",
                List.of(new ConfigChange("limits.cpu", "2", null)),
                List.of(new DeviceChange("data", Map.of("type", "disk"), null)), List.of("default"), List.of("default", "gpu"));

        runner.run(update);

        ArgumentCaptor<InstancePut> body = ArgumentCaptor.forClass(InstancePut.class);
        verify(instances).put(eq("pro"), eq("dev"), body.capture(), eq("etag-1"));
        assertEquals(Map.of("volatile.idmap.base", "0", "user.x", "kept"), body.getValue().config());
        assertEquals(Map.of("eth0", Map.of("type", "nic")), body.getValue().devices());
        assertEquals(List.of("default", "gpu"), body.getValue().profiles());
        verify(op).await();
    }

    @Test
    void orphanDeletionUnprotectsStopsThenDeletes() {
        Map<String, String> config = new HashMap<>(Map.of("security.protection.delete", "true"));
        when(instances.get("pro", "old")).thenReturn(Fixtures.instance("pro", "old", "Running", config, Map.of(), List.of()));

        runner.run(new Action.DeleteInstance("pro", "pro", "old"));

        InOrder order = inOrder(instances);
        order.verify(instances).patch(eq("pro"), eq("old"),
                eq(new InstancePut(Map.of("security.protection.delete", ""), null, null, null, null)), isNull());
        order.verify(instances).changeState(eq("pro"), eq("old"), any(StateAction.class));
        order.verify(instances).delete("pro", "old");
    }

    @Test
    void startingAnInstanceThatAlreadyRunsIsFine() {
        when(op.await()).thenThrow(new IncusException(400, "The instance is already running", "wait"));

        runner.run(new Action.StartInstance("pro", "pro", "dev"));
    }

    @Test
    void otherStartFailuresPropagate() {
        when(op.await()).thenThrow(new IncusException(500, "No root device could be found", "wait"));

        org.junit.jupiter.api.Assertions.assertThrows(IncusException.class,
                () -> runner.run(new Action.StartInstance("pro", "pro", "dev")));
    }

    @Test
    void aStaleEtagGetsOneFreshTry() {
        Instance have = Fixtures.instance("pro", "dev", "Running", Map.of("volatile.idmap.base", "0"),
                Map.of("data", Map.of("type", "disk")), List.of("default"));
        when(instances.getTagged("pro", "dev")).thenReturn(new Tagged<>(have, "old"), new Tagged<>(have, "new"));
        when(instances.put(eq("pro"), eq("dev"), any(), eq("old")))
                .thenThrow(new IncusException(412, "ETag doesn't match", "PUT /1.0/instances/dev"));
        Action.UpdateInstance update = new Action.UpdateInstance("pro", "pro", "dev", List.of(),
                List.of(new DeviceChange("data", Map.of("type", "disk"), null)), null, null);

        runner.run(update);

        verify(instances).put(eq("pro"), eq("dev"), any(), eq("new"));
    }
}
