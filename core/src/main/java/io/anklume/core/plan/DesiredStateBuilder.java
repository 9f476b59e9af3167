package io.anklume.core.plan;

import io.anklume.core.infra.Domain;
import io.anklume.core.infra.Infra;
import io.anklume.core.infra.Machine;
import io.anklume.core.infra.ProfileSpec;
import io.anklume.core.net.AddressPlan;
import io.anklume.core.net.DomainAddressing;
import io.anklume.core.plan.DesiredState.DomainState;
import io.anklume.core.plan.DesiredState.InstanceState;
import io.anklume.core.plan.DesiredState.NetworkState;
import io.anklume.core.plan.DesiredState.ProfileState;
import io.anklume.core.plan.DesiredState.ProjectState;
import io.anklume.core.policy.ResourceAllocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Turns an infra.yml and its addresses into the Incus objects of "What it becomes in Incus". */
public final class DesiredStateBuilder {
    public static final String STORAGE_POOL = "default";
    public static final String GPU_PROFILE = "gpu";

    private DesiredStateBuilder() {}

    public static DesiredState build(Infra infra, AddressPlan addresses) {
        return build(infra, addresses, ResourceAllocation.none());
    }

    /** {@code limits} adds the resource policy's keys to machines that do not set them themselves. */
    public static DesiredState build(Infra infra, AddressPlan addresses, ResourceAllocation limits) {
        List<DomainState> domains = new ArrayList<>();
        for (Domain d : infra.enabledDomains()) {
            DomainAddressing net = addresses.domains().get(d.name());
            if (net == null) {
                throw new IllegalArgumentException("no addresses allocated for domain " + d.name());
            }
            domains.add(domain(infra, d, net, addresses, limits));
        }
        return new DesiredState(domains);
    }

    private static DomainState domain(Infra infra, Domain d, DomainAddressing net, AddressPlan addresses,
                                      ResourceAllocation limits) {
        List<ProfileState> profiles = new ArrayList<>();
        profiles.add(defaultProfile(d));
        for (ProfileSpec p : d.profiles().values()) {
            profiles.add(new ProfileState(d.name(), p.name(), orEmpty(p.config()), orEmptyDevices(p.devices())));
        }
        boolean anyGpu = d.machines().stream().anyMatch(Machine::gpu);
        if (anyGpu && profiles.stream().noneMatch(p -> p.name().equals(GPU_PROFILE))) {
            profiles.add(new ProfileState(d.name(), GPU_PROFILE, Map.of(),
                    Map.of("gpu", infra.global().gpuDeviceConfig())));
        }
        List<InstanceState> instances = new ArrayList<>();
        for (Machine m : d.machines()) {
            instances.add(instance(infra, d, m, addresses.machineIps().get(m.name()), limits.forMachine(m.name())));
        }
        return new DomainState(d.name(), project(d), network(d, net, d.nat(infra.global())), profiles, instances);
    }

    static ProjectState project(Domain d) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("features.images", "false");
        config.put("features.profiles", "true");
        config.put(Markers.MANAGED, "true");
        config.put(Markers.TRUST, d.trustLevel().yamlName());
        return new ProjectState(d.name(), description(d.description()), config);
    }

    /**
     * {@code nat} is written either way so the planner owns the key: a bridge someone toggled by hand is
     * set back. Like anklume, NAT is on by default; isolation between domains is nftables' job.
     */
    static NetworkState network(Domain d, DomainAddressing net, boolean nat) {
        String prefix = net.subnet().substring(0, net.subnet().lastIndexOf('.') + 1);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("ipv4.address", net.gatewayCidr());
        config.put("ipv4.nat", Boolean.toString(nat));
        config.put("ipv4.dhcp", "true");
        config.put("ipv4.dhcp.ranges", prefix + "100-" + prefix + "249");
        config.put("ipv6.address", "none");
        config.put(Markers.MANAGED, "true");
        config.put(Markers.DOMAIN, d.name());
        return new NetworkState(d.bridge(), "anklume domain " + d.name(), config);
    }

    static ProfileState defaultProfile(Domain d) {
        Map<String, Map<String, String>> devices = new LinkedHashMap<>();
        devices.put("root", Map.of("type", "disk", "path", "/", "pool", STORAGE_POOL));
        devices.put("eth0", Map.of("type", "nic", "name", "eth0", "network", d.bridge()));
        return new ProfileState(d.name(), "default", Map.of(), devices);
    }

    static InstanceState instance(Infra infra, Domain d, Machine m, String ip, Map<String, String> limits) {
        Map<String, String> config = new LinkedHashMap<>(limits);
        config.putAll(orEmpty(m.config()));
        boolean ephemeral = m.ephemeral() != null ? m.ephemeral() : d.ephemeral();
        if (!ephemeral) {
            config.put("security.protection.delete", "true");
        }
        if (m.bootAutostart() != null) {
            config.put("boot.autostart", m.bootAutostart().toString());
        }
        if (m.bootPriority() != null) {
            config.put("boot.autostart.priority", m.bootPriority().toString());
        }
        if (m.snapshotsSchedule() != null) {
            config.put("snapshots.schedule", m.snapshotsSchedule());
        }
        if (m.snapshotsExpiry() != null) {
            config.put("snapshots.expiry", incusExpiry(m.snapshotsExpiry()));
        }
        Map<String, Map<String, String>> devices = new LinkedHashMap<>(orEmptyDevices(m.devices()));
        if (ip != null && !devices.containsKey("eth0")) {
            devices.put("eth0", Map.of("type", "nic", "name", "eth0", "network", d.bridge(), "ipv4.address", ip));
        }
        config.keySet().removeIf(Markers::isMarker);
        List<String> owned = List.copyOf(config.keySet());
        config.put(Markers.MANAGED, "true");
        config.put(Markers.DOMAIN, d.name());
        config.put(Markers.TRUST, d.trustLevel().yamlName());
        if (!owned.isEmpty()) {
            config.put(Markers.CONFIG_KEYS, Markers.joinNames(owned));
        }
        if (!devices.isEmpty()) {
            config.put(Markers.DEVICES, Markers.joinNames(devices.keySet()));
        }
        List<String> profiles = new ArrayList<>(m.profiles() == null || m.profiles().isEmpty()
                ? List.of("default") : m.profiles());
        if (m.gpu() && !profiles.contains(GPU_PROFILE)) {
            profiles.add(GPU_PROFILE);
        }
        String image = m.osImage() != null ? m.osImage() : infra.global().defaultOsImage();
        String type = (m.type() == null ? Machine.Type.LXC : m.type()).incusType();
        return new InstanceState(d.name(), m.name(), type, image, description(m.description()), config, devices,
                List.copyOf(profiles));
    }

    /** anklume writes {@code 30d}, {@code 12h}, {@code 30m}; Incus wants {@code d}, {@code H}, {@code M} (minutes). */
    static String incusExpiry(String expiry) {
        if (expiry.endsWith("h")) {
            return expiry.substring(0, expiry.length() - 1) + "H";
        }
        if (expiry.endsWith("m")) {
            return expiry.substring(0, expiry.length() - 1) + "M";
        }
        return expiry;
    }

    private static String description(String text) {
        return Objects.requireNonNullElse(text, "");
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private static Map<String, Map<String, String>> orEmptyDevices(Map<String, Map<String, String>> map) {
        return map == null ? Map.of() : map;
    }
}
