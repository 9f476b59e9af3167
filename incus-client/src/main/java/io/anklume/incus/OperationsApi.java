package io.anklume.incus;

import io.anklume.incus.model.Operation;
import java.util.List;

public interface OperationsApi {
    /** Running and recent operations of every project. */
    List<Operation> listAll();

    /** A handle on an operation by id, e.g. one seen in an event. */
    OperationHandle handle(String id);
}
