package io.anklume.incus;

import io.anklume.incus.model.Operation;
import java.time.Duration;

/**
 * An Incus background operation that was started. {@link #await()} waits with the client's default
 * operation timeout and throws {@link IncusException} if the operation failed, was cancelled or did not
 * finish in time; on success it returns the final operation (its metadata holds e.g. a fingerprint).
 */
public interface OperationHandle {
    String id();

    /** The operation as returned when it was created. */
    Operation initial();

    Operation await();

    Operation await(Duration timeout);

    /** Current state, read from the daemon. */
    Operation refresh();

    /** Asks Incus to cancel; throws if it cannot be cancelled. */
    void cancel();
}
