package io.anklume.core.plan;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.anklume.incus.IncusClient;
import io.anklume.incus.OperationHandle;
import io.anklume.incus.OperationsApi;
import io.anklume.incus.model.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InFlightOperationsTest {
    private static Operation op(String id, int status, String instanceUrl) {
        return new Operation(id, "task", "Creating instance", status == 103 ? "Running" : "Success", status,
                Map.of("instances", List.of(instanceUrl)), Map.of(), false, "", null, null, "none");
    }

    @Test
    void waitsOnlyForRunningOperationsOnOurProjects() {
        IncusClient incus = mock(IncusClient.class);
        OperationsApi operations = mock(OperationsApi.class);
        OperationHandle ours = mock(OperationHandle.class);
        when(incus.operations()).thenReturn(operations);
        when(operations.listAll()).thenReturn(List.of(
                op("a", 103, "/1.0/instances/x?project=pro"),
                op("b", 103, "/1.0/instances/y?project=other"),
                op("c", 200, "/1.0/instances/z?project=pro")));
        when(operations.handle("a")).thenReturn(ours);

        new InFlightOperations(incus, Duration.ofSeconds(5)).awaitAll(List.of("pro"));

        verify(ours).await(Duration.ofSeconds(5));
        verify(operations, never()).handle("b");
        verify(operations, never()).handle("c");
    }

    @Test
    void aFailedOperationDoesNotStopPlanning() {
        IncusClient incus = mock(IncusClient.class);
        OperationsApi operations = mock(OperationsApi.class);
        OperationHandle failing = mock(OperationHandle.class);
        when(incus.operations()).thenReturn(operations);
        when(operations.listAll()).thenReturn(List.of(op("a", 103, "/1.0/instances/x?project=pro")));
        when(operations.handle("a")).thenReturn(failing);
        when(failing.await(any(Duration.class))).thenThrow(new io.anklume.incus.IncusException(400, "boom", "wait"));

        new InFlightOperations(incus, Duration.ofSeconds(5)).awaitAll(List.of("pro"));
    }
}
