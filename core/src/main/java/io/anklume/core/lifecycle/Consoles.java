package io.anklume.core.lifecycle;

import io.anklume.core.inventory.InstanceRef;

/** Read-only access to an instance's console log (what it printed on its console). */
public interface Consoles {
    /** For a running container: what is new since the last read (Incus drains the buffer). */
    String log(InstanceRef ref);
}
