package io.anklume.core.inventory;

import io.anklume.incus.model.NetworkLease;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DHCP leases by (project, bridge). Incus filters a bridge's leases to the instances of the project
 * asked for, so one read per pair is enough however many instances there are. Immutable.
 */
final class LeaseTable {

    static final LeaseTable EMPTY = new LeaseTable(Map.of());

    record Pair(String project, String bridge) {
        // Written out, as InstanceRef's: hashed while the first list is read, where a record's own
        // (bootstrapped through invokedynamic) cost tens of milliseconds cold.
        @Override
        public boolean equals(Object o) {
            return o instanceof Pair p && java.util.Objects.equals(project, p.project) && java.util.Objects.equals(bridge, p.bridge);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Objects.hashCode(project) + java.util.Objects.hashCode(bridge);
        }
    }

    private final Map<Pair, Map<String, String>> addressByHost;

    private LeaseTable(Map<Pair, Map<String, String>> addressByHost) {
        this.addressByHost = addressByHost;
    }

    static LeaseTable of(Map<Pair, List<NetworkLease>> leases) {
        LeaseTable t = EMPTY;
        for (Map.Entry<Pair, List<NetworkLease>> e : leases.entrySet()) {
            t = t.with(e.getKey(), e.getValue());
        }
        return t;
    }

    LeaseTable with(Pair pair, List<NetworkLease> leases) {
        Map<String, String> hosts = new HashMap<>();
        for (NetworkLease l : leases) {
            if (l.hostname() != null && l.address() != null && !"gateway".equals(l.type())
                    && l.address().indexOf(':') < 0) {
                hosts.putIfAbsent(l.hostname(), l.address());
            }
        }
        Map<Pair, Map<String, String>> copy = new HashMap<>(addressByHost);
        copy.put(pair, Map.copyOf(hosts));
        return new LeaseTable(Map.copyOf(copy));
    }

    String address(String project, String bridge, String hostname) {
        Map<String, String> hosts = addressByHost.get(new Pair(project, bridge));
        return hosts == null ? null : hosts.get(hostname);
    }
}
