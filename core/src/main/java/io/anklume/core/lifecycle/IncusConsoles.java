package io.anklume.core.lifecycle;

import io.anklume.core.ActionException;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;

public final class IncusConsoles implements Consoles {
    private final IncusClient client;

    public IncusConsoles(IncusClient client) {
        this.client = client;
    }

    @Override
    public String log(InstanceRef ref) {
        try {
            return client.instances().consoleLog(ref.project(), ref.name());
        } catch (IncusException e) {
            throw new ActionException(ref.toString(), "read the console log of", e.error(), e);
        }
    }
}
