package io.anklume.core.inventory;

import io.anklume.core.infra.TrustLevel;
import io.anklume.incus.model.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns what Incus reports of an instance into what the screen shows; pure, so it is tested alone. */
public final class InstanceMapper {

    public static final String MANAGED = "user.anklume.managed";
    public static final String DOMAIN = "user.anklume.domain";
    public static final String TRUST = "user.anklume.trust";
    public static final String PROTECT_DELETE = "security.protection.delete";
    /** Set by {@code core.disposable.Disposables} on what it launches (kept here: core.inventory is below it). */
    public static final String DISPOSABLE = "user.anklume.disposable";

    private InstanceMapper() {}

    /**
     * The config keys a row is made from: the inventory's list is read with these only (the values of
     * the rest, mostly {@code volatile.*}, are most of a list's bytes).
     */
    static boolean readsConfigKey(String key) {
        return key.startsWith("user.anklume.") || key.equals(PROTECT_DELETE);
    }

    /**
     * @param leases the DHCP leases known so far
     * @param details live figures, {@link LiveDetails#NONE} when not fetched
     */
    static InstanceView toView(Instance i, LeaseTable leases, LiveDetails details) {
        Map<String, String> config = expandedConfig(i);
        boolean managed = isManaged(i);
        boolean disposable = !managed && isDisposable(i);
        boolean marked = managed || disposable;
        String domain = marked && notBlank(config.get(DOMAIN)) ? config.get(DOMAIN) : projectOf(i);
        // A disposable launched before its domain's trust was recorded on it, or outside any domain, is still disposable.
        TrustLevel trust = managed ? TrustLevel.parse(config.get(TRUST)).orElse(null)
                : disposable ? TrustLevel.parse(config.get(TRUST)).orElse(TrustLevel.DISPOSABLE) : null;
        InstanceRef ref = new InstanceRef(projectOf(i), i.name());
        LiveDetails d = i.isRunning() ? details : details.stopped();
        return new InstanceView(ref, domain, trust, i.type(), i.status(), ipv4(i, leases), d.cpuSeconds(),
                d.memoryBytes(), d.snapshotCount(), managed, disposable, hasGpu(i), "true".equalsIgnoreCase(config.get(PROTECT_DELETE)),
                i.ephemeral(), i.profiles() == null ? List.of() : List.copyOf(i.profiles()), i.createdAt());
    }

    public static boolean isManaged(Instance i) {
        return "true".equalsIgnoreCase(expandedConfig(i).get(MANAGED));
    }

    /** A throw-away instance anklume-tui launched ({@code user.anklume.disposable=true}); never an adoption candidate. */
    public static boolean isDisposable(Instance i) {
        return "true".equalsIgnoreCase(expandedConfig(i).get(DISPOSABLE));
    }

    /** Neither managed nor disposable: what adoption offers. */
    public static boolean isUntracked(Instance i) {
        return !isManaged(i) && !isDisposable(i);
    }

    static String projectOf(Instance i) {
        return i.project() == null || i.project().isEmpty() ? "default" : i.project();
    }

    static InstanceRef refOf(Instance i) {
        return new InstanceRef(projectOf(i), i.name());
    }

    /**
     * The address shown: while running the DHCP lease of the instance on one of its bridges, else the
     * nic's static {@code ipv4.address}. A stopped instance shows only its static address: its old lease
     * lingers in dnsmasq and would be misleading.
     */
    static String ipv4(Instance i, LeaseTable leases) {
        List<NicBridge> nics = nics(i);
        if (i.isRunning()) {
            for (NicBridge nic : nics) {
                String leased = leases.address(projectOf(i), nic.bridge(), i.name());
                if (leased != null) {
                    return leased;
                }
            }
        }
        return nics.stream().map(NicBridge::staticIpv4).filter(InstanceMapper::notBlank).findFirst().orElse(null);
    }

    /** The instance's nics on bridges, eth0 first, then by device name. */
    static List<NicBridge> nics(Instance i) {
        Map<String, Map<String, String>> devices = i.expandedDevices() != null && !i.expandedDevices().isEmpty()
                ? i.expandedDevices() : i.devices();
        List<NicBridge> out = new ArrayList<>();
        if (devices == null) {
            return out;
        }
        for (Map.Entry<String, Map<String, String>> e : new TreeMap<>(devices).entrySet()) {
            Map<String, String> dev = e.getValue();
            if (dev == null || !"nic".equals(dev.get("type"))) {
                continue;
            }
            String bridge = notBlank(dev.get("network")) ? dev.get("network") : dev.get("parent");
            if (!notBlank(bridge)) {
                continue;
            }
            NicBridge nic = new NicBridge(e.getKey(), bridge, dev.get("ipv4.address"));
            if ("eth0".equals(e.getKey()) || "eth0".equals(dev.get("name"))) {
                out.add(0, nic);
            } else {
                out.add(nic);
            }
        }
        return out;
    }

    static boolean hasGpu(Instance i) {
        Map<String, Map<String, String>> devices = i.expandedDevices() != null ? i.expandedDevices() : i.devices();
        return devices != null && devices.values().stream().anyMatch(d -> d != null && "gpu".equals(d.get("type")));
    }

    private static Map<String, String> expandedConfig(Instance i) {
        if (i.expandedConfig() != null && !i.expandedConfig().isEmpty()) {
            return i.expandedConfig();
        }
        return i.config() == null ? Map.of() : i.config();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
