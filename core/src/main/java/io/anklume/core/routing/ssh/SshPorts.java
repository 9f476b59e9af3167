package io.anklume.core.routing.ssh;

import io.anklume.core.infra.Routing;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the host port of every machine with {@code ssh}: the one given in infra.yml; else the one
 * its proxy device already has (so a port, and the user's ~/.ssh/config, never moves by itself); else
 * the lowest free port of the range.
 */
public final class SshPorts {
    private SshPorts() {}

    /**
     * @param wanted   machine → explicit port, or null to allocate (iteration order = file order)
     * @param existing machine → the port its proxy device has now
     * @throws IllegalStateException when the range has no free port left
     */
    public static Map<String, Integer> allocate(Map<String, Integer> wanted, Map<String, Integer> existing,
                                                Routing.PortRange range) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Set<Integer> taken = new HashSet<>();
        wanted.forEach((m, p) -> {
            if (p != null) {
                out.put(m, p);
                taken.add(p);
            }
        });
        wanted.forEach((m, p) -> {
            Integer kept = existing.get(m);
            if (p == null && kept != null && range != null && range.contains(kept) && !taken.contains(kept)) {
                out.put(m, kept);
                taken.add(kept);
            }
        });
        for (Map.Entry<String, Integer> e : wanted.entrySet()) {
            if (e.getValue() != null || out.containsKey(e.getKey())) {
                continue;
            }
            if (range == null) {
                throw new IllegalStateException("machine " + e.getKey() + " has ssh without a port and there is no "
                        + "global.routing.ssh_ports range");
            }
            int port = range.first();
            while (port <= range.last() && taken.contains(port)) {
                port++;
            }
            if (port > range.last()) {
                throw new IllegalStateException("no free port left in global.routing.ssh_ports " + range + " for machine "
                        + e.getKey());
            }
            out.put(e.getKey(), port);
            taken.add(port);
        }
        // Keep the file order in the result.
        Map<String, Integer> ordered = new LinkedHashMap<>();
        wanted.keySet().forEach(m -> ordered.put(m, out.get(m)));
        return ordered;
    }
}
