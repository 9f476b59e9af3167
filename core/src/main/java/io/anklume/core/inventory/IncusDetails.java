package io.anklume.core.inventory;

import io.anklume.core.ActionException;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstanceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public final class IncusDetails implements Details {
    private final IncusClient client;

    public IncusDetails(IncusClient client) {
        this.client = client;
    }

    @Override
    public InstanceDetails of(InstanceRef ref) {
        Instance i;
        try {
            i = client.instances().get(ref.project(), ref.name());
        } catch (IncusException e) {
            throw new ActionException(ref.toString(), "read", e.error(), e);
        }
        Map<String, List<String>> addresses = new TreeMap<>();
        InstanceState state = i.state();
        if (state != null && state.network() != null) {
            state.network().forEach((iface, n) -> {
                if (!"lo".equals(iface) && n.addresses() != null) {
                    List<String> list = new ArrayList<>();
                    n.addresses().forEach(a -> list.add(a.address() + "/" + a.netmask()));
                    addresses.put(iface, list);
                }
            });
        }
        Map<String, String> config = new TreeMap<>();
        if (i.config() != null) {
            i.config().forEach((k, v) -> {
                if (!k.startsWith("volatile.") && !k.startsWith("image.")) {
                    config.put(k, v);
                }
            });
        }
        Map<String, Map<String, String>> devices = new TreeMap<>(i.expandedDevices() == null ? Map.of() : i.expandedDevices());
        return new InstanceDetails(addresses, config, devices, i.profiles() == null ? List.of() : i.profiles());
    }
}
