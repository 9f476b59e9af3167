package io.anklume.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.anklume.core.ActionException;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.IncusClient;
import io.anklume.incus.OperationHandle;
import io.anklume.incus.SnapshotsApi;
import io.anklume.incus.model.Snapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncusSnapshotsTest {
    private static final InstanceRef WEB = new InstanceRef("lab", "web");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T15:04:05Z"), ZoneId.of("UTC"));
    private final IncusClient client = mock(IncusClient.class);
    private final SnapshotsApi api = mock(SnapshotsApi.class);
    private final OperationHandle op = mock(OperationHandle.class);

    @BeforeEach
    void wire() {
        when(client.snapshots()).thenReturn(api);
        when(api.create(any(), any(), any(), anyBoolean(), any())).thenReturn(op);
        when(api.restore(any(), any(), any())).thenReturn(op);
        when(api.delete(any(), any(), any())).thenReturn(op);
        when(api.get(anyString(), anyString(), anyString())).thenAnswer(inv ->
                new Snapshot(inv.getArgument(2), CLOCK.instant(), null, false, -1));
    }

    private static Snapshot snap(String name, String created) {
        return new Snapshot(name, Instant.parse(created), null, false, -1);
    }

    @Test
    void listIsNewestFirst() {
        when(api.list("lab", "web")).thenReturn(List.of(snap("a", "2026-11-01T00:00:00Z"),
                snap("c", "2026-11-03T00:00:00Z"), snap("b", "2026-11-02T00:00:00Z")));
        assertEquals(List.of("c", "b", "a"),
                new IncusSnapshots(client, CLOCK, false).list(WEB).stream().map(SnapshotView::name).toList());
    }

    @Test
    void createWithoutNameUsesTheClockAndAvoidsATakenName() {
        when(api.list("lab", "web")).thenReturn(List.of());
        IncusSnapshots snapshots = new IncusSnapshots(client, CLOCK, false);
        assertEquals("snap-20261124-150405", snapshots.create(WEB, null).name());
        verify(api).create("lab", "web", "snap-20261124-150405", false, null);
        verify(op).await();

        when(api.list("lab", "web")).thenReturn(List.of(snap("snap-20261124-150405", "2026-11-24T15:04:05Z")));
        assertEquals("snap-20261124-150405-2", snapshots.create(WEB, " ").name());
    }

    @Test
    void anExistingNameIsRefusedBeforeAskingIncus() {
        when(api.list("lab", "web")).thenReturn(List.of(snap("before-upgrade", "2026-11-01T00:00:00Z")));
        ActionException e = assertThrows(ActionException.class,
                () -> new IncusSnapshots(client, CLOCK, false).create(WEB, "before-upgrade"));
        assertEquals("cannot snapshot lab/web: a snapshot named \"before-upgrade\" already exists; "
                + "choose another name or delete it first", e.getMessage());
        verify(api, never()).create(any(), any(), any(), anyBoolean(), any());
    }

    @Test
    void restoreAndDeleteWaitForIncusAndRefuseUnknownNames() {
        when(api.list("lab", "web")).thenReturn(List.of(snap("s0", "2026-11-01T00:00:00Z")));
        IncusSnapshots snapshots = new IncusSnapshots(client, CLOCK, false);
        snapshots.restore(WEB, "s0");
        snapshots.delete(WEB, "s0");
        verify(api).restore("lab", "web", "s0");
        verify(api).delete("lab", "web", "s0");
        verify(op, org.mockito.Mockito.times(2)).await();
        ActionException e = assertThrows(ActionException.class, () -> snapshots.restore(WEB, "nope"));
        assertTrue(e.getMessage().contains("no snapshot named \"nope\""), e.getMessage());
    }

    @Test
    void readOnlyModeRefusesChangesButStillLists() {
        IncusSnapshots snapshots = new IncusSnapshots(client, CLOCK, true);
        assertThrows(ActionException.class, () -> snapshots.create(WEB, null));
        assertThrows(ActionException.class, () -> snapshots.restore(WEB, "s0"));
        ActionException e = assertThrows(ActionException.class, () -> snapshots.delete(WEB, "s0"));
        assertTrue(e.getMessage().endsWith("read-only mode"));
        verifyNoInteractions(api);
        when(api.list("lab", "web")).thenReturn(List.of());
        assertEquals(List.of(), snapshots.list(WEB));
    }
}
