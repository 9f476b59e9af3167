package io.anklume.core.inventory;

import io.anklume.incus.events.Event;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstanceState;
import io.anklume.incus.model.NetworkLease;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builders of Incus records for unit tests. */
public final class TestInstances {
    public static final Instant CREATED = Instant.parse("2026-11-20T10:00:00Z");

    private TestInstances() {}

    public static Instance instance(String project, String name, String status, Map<String, String> config) {
        return instance(project, name, status, config, Map.of("eth0", nic("anklumebr0", null)));
    }

    public static Instance instance(String project, String name, String status, Map<String, String> config,
                                    Map<String, Map<String, String>> devices) {
        return new Instance(name, project, "container", status, "Running".equals(status) ? 103 : 102, "none", "",
                config, Map.of(), List.of("default"), false, false, CREATED, CREATED, config, devices, null, null);
    }

    public static Instance withState(Instance i, InstanceState state) {
        return new Instance(i.name(), i.project(), i.type(), i.status(), i.statusCode(), i.location(), i.description(),
                i.config(), i.devices(), i.profiles(), i.ephemeral(), i.stateful(), i.createdAt(), i.lastUsedAt(),
                i.expandedConfig(), i.expandedDevices(), state, null);
    }

    public static Map<String, String> nic(String bridge, String staticIp) {
        Map<String, String> d = new HashMap<>(Map.of("type", "nic", "network", bridge, "name", "eth0"));
        if (staticIp != null) {
            d.put("ipv4.address", staticIp);
        }
        return d;
    }

    public static Map<String, String> managed(String domain, String trust) {
        return Map.of("user.anklume.managed", "true", "user.anklume.domain", domain, "user.anklume.trust", trust);
    }

    public static NetworkLease lease(String host, String ip) {
        return new NetworkLease(host, "10:66:6a:00:00:01", ip, "dynamic", "none");
    }

    public static InstanceState state(String status, long cpuNanos, long memory) {
        return new InstanceState(status, 103, 42, 2, new InstanceState.Cpu(cpuNanos),
                new InstanceState.Memory(memory, memory, 0, 0), Map.of(), Map.of(), CREATED);
    }

    public static Event lifecycle(String project, String action, String name, String source) {
        return new Event("lifecycle", Instant.now(), project, "none", action, source, name, Map.of(),
                Map.of("action", action));
    }

    public static Event instanceEvent(String project, String action, String name) {
        return lifecycle(project, action, name, "/1.0/instances/" + name + "?project=" + project);
    }

    public static Event snapshotOperation(String project, String instance, String status, int code) {
        Map<String, Object> op = Map.of("description", "Snapshotting instance", "status", status, "status_code", code,
                "resources", Map.of("instances_snapshots",
                        List.of("/1.0/instances/" + instance + "/snapshots/s1?project=" + project)));
        return new Event("operation", Instant.now(), project, "none", null, null, null, Map.of(), op);
    }
}
