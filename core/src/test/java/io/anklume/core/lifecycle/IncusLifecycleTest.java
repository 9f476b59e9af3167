package io.anklume.core.lifecycle;

import static io.anklume.core.inventory.TestInstances.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.anklume.core.ActionException;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.InstancesApi;
import io.anklume.incus.OperationHandle;
import io.anklume.incus.model.StateAction;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class IncusLifecycleTest {
    private static final InstanceRef WEB = new InstanceRef("lab", "web");
    private final IncusClient client = mock(IncusClient.class);
    private final InstancesApi instances = mock(InstancesApi.class);
    private final OperationHandle op = mock(OperationHandle.class);

    @BeforeEach
    void wire() {
        when(client.instances()).thenReturn(instances);
        when(instances.changeState(any(), any(), any())).thenReturn(op);
        when(instances.delete(any(), any())).thenReturn(op);
    }

    @Test
    void cleanStopSendsNoTimeoutAndForceKills() {
        IncusLifecycle lifecycle = new IncusLifecycle(client, false);
        lifecycle.stop(WEB, false);
        verify(instances).changeState("lab", "web", new StateAction(StateAction.Kind.STOP, null, false, false));
        lifecycle.stop(WEB, true);
        verify(instances).changeState("lab", "web", new StateAction(StateAction.Kind.STOP, 0, true, false));
        lifecycle.start(WEB);
        lifecycle.restart(WEB);
        verify(instances).changeState("lab", "web", StateAction.of(StateAction.Kind.START));
        verify(instances).changeState("lab", "web", StateAction.of(StateAction.Kind.RESTART));
        verify(op, org.mockito.Mockito.times(4)).await();
    }

    @Test
    void failuresNameTheInstanceAndTheAction() {
        when(op.await()).thenThrow(new IncusException(400, "The instance is already stopped", "PUT …/state"));
        ActionException e = assertThrows(ActionException.class, () -> new IncusLifecycle(client, false).stop(WEB, false));
        assertEquals("cannot stop lab/web: The instance is already stopped", e.getMessage());
        assertEquals("stop", e.action());
    }

    @Test
    void deleteStopsARunningInstanceFirst() {
        when(instances.get("lab", "web")).thenReturn(instance("lab", "web", "Running", Map.of()));
        new IncusLifecycle(client, false).delete(WEB);
        InOrder order = inOrder(instances);
        order.verify(instances).changeState("lab", "web", new StateAction(StateAction.Kind.STOP, 0, true, false));
        order.verify(instances).delete("lab", "web");
    }

    @Test
    void protectedInstanceIsNotDeletedAndTheReasonSaysHowToUnprotect() {
        when(instances.get("lab", "web")).thenReturn(
                instance("lab", "web", "Running", Map.of("security.protection.delete", "true")));
        ActionException e = assertThrows(ActionException.class, () -> new IncusLifecycle(client, false).delete(WEB));
        assertTrue(e.getMessage().contains("security.protection.delete"), e.getMessage());
        assertTrue(e.getMessage().contains("incus config unset web security.protection.delete --project lab"),
                e.getMessage());
        verify(instances, never()).changeState(any(), any(), any());
        verify(instances, never()).delete(any(), any());
    }

    @Test
    void readOnlyModeRefusesEveryActionWithoutTalkingToIncus() {
        IncusLifecycle lifecycle = new IncusLifecycle(client, true);
        for (Runnable action : new Runnable[] {() -> lifecycle.start(WEB), () -> lifecycle.stop(WEB, true),
                () -> lifecycle.restart(WEB), () -> lifecycle.delete(WEB)}) {
            ActionException e = assertThrows(ActionException.class, action::run);
            assertTrue(e.getMessage().endsWith("read-only mode"), e.getMessage());
        }
        verifyNoInteractions(instances);
    }
}
