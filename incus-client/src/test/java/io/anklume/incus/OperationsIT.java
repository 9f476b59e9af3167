package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.Operation;
import io.anklume.incus.model.StateAction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OperationsIT {
    static IncusLab lab;
    static String box;

    @BeforeAll
    static void up() {
        lab = IncusLab.create();
        box = lab.name("op");
        lab.launch(box);
    }

    @AfterAll
    static void down() {
        lab.close();
    }

    @Test
    void awaitTimesOutOnASlowOperationAndTheOperationIsStillThere() {
        OperationHandle stop = lab.client().instances().changeState(lab.project(), box, StateAction.of(StateAction.Kind.STOP));
        // A clean stop of the busybox container takes about 3 s.
        IncusException e = assertThrows(IncusException.class, () -> stop.await(Duration.ofSeconds(1)));
        assertEquals(408, e.status());
        assertTrue(e.getMessage().contains("did not finish within 1 s"), e.getMessage());
        Operation finished = stop.await(Duration.ofSeconds(30));
        assertEquals("Success", finished.status());
        lab.client().instances().changeState(lab.project(), box, StateAction.of(StateAction.Kind.START)).await();
    }

    @Test
    void runningOperationsAreListedAndCanBeFollowedById() {
        OperationHandle exec = lab.client().instances().changeState(lab.project(), box,
                new StateAction(StateAction.Kind.RESTART, 0, true, false));
        List<Operation> all = lab.client().operations().listAll();
        assertTrue(all.stream().anyMatch(o -> o.id().equals(exec.id())), "operation " + exec.id() + " not listed");
        OperationHandle byId = lab.client().operations().handle(exec.id());
        assertEquals("Success", byId.await(Duration.ofSeconds(30)).status());
        assertTrue(exec.initial().description().toLowerCase().contains("restart"), exec.initial().description());
    }

    @Test
    void cancellingAnUncancellableOperationIsRefusedClearly() {
        OperationHandle op = lab.client().snapshots().create(lab.project(), box, "cx-" + lab.suffix(), false, null);
        IncusException e = assertThrows(IncusException.class, op::cancel);
        // Incus refuses with various texts (e.g. "can't be cancelled"); what matters is a clear refusal naming the call.
        assertTrue(e.status() >= 400 && e.getMessage().contains("DELETE /1.0/operations/" + op.id()), e.getMessage());
        op.await(Duration.ofSeconds(30));
        lab.client().snapshots().delete(lab.project(), box, "cx-" + lab.suffix()).await();
        assertTrue(lab.client().instances().exec(lab.project(), box, List.of("true"), Map.of(), "/", Duration.ofSeconds(10)).exitCode() == 0);
    }
}
