package io.anklume.core.adopt;

import io.anklume.core.infra.TrustLevel;
import io.anklume.core.plan.Markers;
import io.anklume.incus.IncusClient;
import io.anklume.incus.model.Image;
import io.anklume.incus.model.ImageAlias;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.Network;
import io.anklume.incus.model.Profile;
import io.anklume.incus.model.Project;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code import-infra}: writes an infra.yml describing what Incus holds, for state laid out the way
 * anklume lays it out (a project per domain, its bridge {@code net-<domain>}). Projects become domains
 * (trust from {@code user.anklume.trust}, else semi-trusted; the subnet from the bridge, as an explicit
 * {@code subnet_id}), instances become machines (image, static eth0 address, the config keys and
 * devices anklume owns, GPU, boot, snapshot settings, ephemeral), a bridge without NAT becomes
 * {@code nat: false}, extra project profiles become domain profiles. What cannot be written as infra.yml is reported in {@link Imported#notes()}.
 */
public final class InfraImporter {
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$");
    private static final Pattern GATEWAY = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)/24$");
    private static final Pattern EXPIRY = Pattern.compile("^(\\d+)([dHM])$");
    private static final Pattern CRON = Pattern.compile("^\\S+(\\s+\\S+){4}$");
    private static final int MAX_DOMAIN = 11;
    /** Keys that become machine fields, or that Incus and anklume own; never copied into {@code config}. */
    private static final Set<String> FIELD_KEYS = Set.of("security.protection.delete", "boot.autostart",
            "boot.autostart.priority", "snapshots.schedule", "snapshots.expiry");

    private final IncusClient client;

    public InfraImporter(IncusClient client) {
        this.client = client;
    }

    /** The file's text and what could not be represented (one sentence each). */
    public record Imported(String yaml, List<String> notes, List<String> domains) {}

    /**
     * @param projects       the projects to import; empty means every project but {@code default}
     * @param includeDefault also import the default project when {@code projects} is empty
     */
    public Imported importInfra(Collection<String> projects, boolean includeDefault) {
        List<String> notes = new ArrayList<>();
        Map<String, Project> all = new LinkedHashMap<>();
        client.projects().list().forEach(p -> all.put(p.name(), p));
        List<String> chosen = new ArrayList<>();
        if (projects.isEmpty()) {
            all.keySet().stream().filter(p -> includeDefault || !p.equals("default")).sorted().forEach(chosen::add);
        } else {
            for (String p : projects) {
                if (all.containsKey(p)) {
                    chosen.add(p);
                } else {
                    notes.add("project " + p + ": no such Incus project, skipped");
                }
            }
        }
        Map<String, Network> networks = new LinkedHashMap<>();
        client.networks().list(null).forEach(n -> networks.put(n.name(), n));
        Map<String, List<Instance>> instances = client.instances().listAllProjects(false).stream()
                .collect(Collectors.groupingBy(i -> i.project() == null || i.project().isEmpty() ? "default" : i.project(),
                        LinkedHashMap::new, Collectors.toList()));
        Map<String, String> aliases = aliases();

        Map<String, Object> global = new LinkedHashMap<>();
        Integer zoneBase = null;
        Map<String, String> gpuDevice = null;
        int gpuMachines = 0;
        Set<String> machineNames = new HashSet<>();
        Map<String, Object> domains = new LinkedHashMap<>();
        for (String project : chosen) {
            if (!NAME.matcher(project).matches() || project.length() > MAX_DOMAIN) {
                notes.add("project " + project + ": not a valid domain name (lower-case letters, digits and '-', at most "
                        + MAX_DOMAIN + " characters), skipped");
                continue;
            }
            Project p = all.get(project);
            Map<String, String> pconfig = orEmpty(p.config());
            TrustLevel trust = TrustLevel.parse(pconfig.get(Markers.TRUST)).orElse(TrustLevel.DEFAULT);
            Map<String, Object> domain = new LinkedHashMap<>();
            if (p.description() != null && !p.description().isBlank()) {
                domain.put("description", p.description());
            }
            domain.put("trust_level", trust.yamlName());
            Network bridge = networks.get("net-" + project);
            Matcher gw = bridge == null ? null : GATEWAY.matcher(orEmpty(bridge.config()).getOrDefault("ipv4.address", ""));
            if (gw == null || !gw.matches()) {
                notes.add("domain " + project + ": no bridge net-" + project + " with an IPv4 /24; the next apply creates "
                        + "one on a free subnet");
            } else {
                int zone = Integer.parseInt(gw.group(2));
                int base = zone - trust.zoneOffset();
                if (!gw.group(1).equals("10") || !gw.group(4).equals("254")) {
                    notes.add("domain " + project + ": bridge address " + bridge.config().get("ipv4.address")
                            + " is not anklume's 10.<zone>.<seq>.254/24; the next apply readdresses it");
                } else if (zoneBase == null) {
                    zoneBase = base;
                } else if (zoneBase != base) {
                    notes.add("domain " + project + ": its zone " + zone + " does not fit zone_base " + zoneBase
                            + " for trust " + trust.yamlName() + "; the next apply readdresses it");
                }
                domain.put("subnet_id", Integer.parseInt(gw.group(3)));
            }
            // NAT is on by default (global.nat); a bridge without it keeps it off, so the plan stays empty.
            if (bridge != null && !"true".equals(orEmpty(bridge.config()).get("ipv4.nat"))) {
                domain.put("nat", false);
            }
            Map<String, Profile> profiles = new LinkedHashMap<>();
            client.profiles().list(project).forEach(pr -> profiles.put(pr.name(), pr));
            Profile gpuProfile = profiles.get("gpu");
            boolean generatedGpu = gpuProfile != null && orEmpty(gpuProfile.config()).isEmpty()
                    && orEmptyDevices(gpuProfile.devices()).size() == 1
                    && "gpu".equals(orEmptyDevices(gpuProfile.devices()).getOrDefault("gpu", Map.of()).get("type"));
            if (generatedGpu) {
                Map<String, String> device = orEmptyDevices(gpuProfile.devices()).get("gpu");
                if (gpuDevice == null) {
                    gpuDevice = device;
                } else if (!gpuDevice.equals(device)) {
                    notes.add("domain " + project + ": its gpu profile " + device + " differs from " + gpuDevice
                            + "; written as a domain profile");
                    generatedGpu = false;
                }
            }
            Map<String, Object> domainProfiles = new LinkedHashMap<>();
            for (Profile pr : profiles.values()) {
                if (pr.name().equals("default") || (pr.name().equals("gpu") && generatedGpu)) {
                    continue;
                }
                Map<String, Object> body = new LinkedHashMap<>();
                if (!orEmpty(pr.config()).isEmpty()) {
                    body.put("config", new TreeMap<>(pr.config()));
                }
                if (!orEmptyDevices(pr.devices()).isEmpty()) {
                    body.put("devices", sortedDevices(pr.devices()));
                }
                domainProfiles.put(pr.name(), body);
            }
            if (!domainProfiles.isEmpty()) {
                domain.put("profiles", domainProfiles);
            }
            Map<String, Object> machines = new LinkedHashMap<>();
            for (Instance i : instances.getOrDefault(project, List.of())) {
                if (io.anklume.core.inventory.InstanceMapper.isDisposable(i)) {
                    notes.add("instance " + project + "/" + i.name() + ": a disposable (deleted when it stops), skipped");
                    continue;
                }
                if (!NAME.matcher(i.name()).matches()) {
                    notes.add("instance " + project + "/" + i.name() + ": not a valid machine name, skipped");
                    continue;
                }
                if (!machineNames.add(i.name())) {
                    notes.add("instance " + project + "/" + i.name() + ": another project has an instance of that name "
                            + "(machine names are unique in infra.yml), skipped");
                    continue;
                }
                Map<String, Object> m = machine(project, i, aliases, generatedGpu, notes);
                if (Boolean.TRUE.equals(m.get("gpu"))) {
                    gpuMachines++;
                }
                machines.put(i.name(), m);
            }
            domain.put("machines", machines.isEmpty() ? null : machines);
            if (machines.isEmpty()) {
                domain.remove("machines");
            }
            domains.put(project, domain);
        }
        Map<String, Object> addressing = new LinkedHashMap<>();
        addressing.put("base_octet", 10);
        addressing.put("zone_base", zoneBase == null ? 100 : zoneBase);
        global.put("addressing", addressing);
        global.put("gpu_policy", gpuMachines > 1 ? "shared" : "exclusive");
        if (gpuDevice != null) {
            Map<String, Object> g = new LinkedHashMap<>();
            for (String key : List.of("pci", "vendorid", "productid", "gid")) {
                if (gpuDevice.containsKey(key)) {
                    g.put(key, gpuDevice.get(key));
                }
            }
            Set<String> extra = new HashSet<>(gpuDevice.keySet());
            extra.removeAll(Set.of("type", "gputype", "pci", "vendorid", "productid", "gid"));
            if (!"physical".equals(gpuDevice.get("gputype")) || !extra.isEmpty()) {
                notes.add("gpu profile: " + gpuDevice + " has keys gpu_device cannot express; the next apply changes it");
            }
            if (!g.isEmpty()) {
                global.put("gpu_device", g);
            }
        }
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("project_name", "imported");
        top.put("global", global);
        top.put("domains", domains);
        StringBuilder text = new StringBuilder("# Generated by anklume-tui import-infra from the Incus state.\n");
        notes.forEach(n -> text.append("# note: ").append(n).append('\n'));
        text.append(dump(top));
        return new Imported(text.toString(), List.copyOf(notes), List.copyOf(domains.keySet()));
    }

    private Map<String, Object> machine(String project, Instance i, Map<String, String> aliases, boolean generatedGpu,
                                        List<String> notes) {
        String where = "instance " + project + "/" + i.name();
        Map<String, String> config = orEmpty(i.config());
        Map<String, Map<String, String>> devices = orEmptyDevices(i.devices());
        Map<String, Object> m = new LinkedHashMap<>();
        if (i.description() != null && !i.description().isBlank()) {
            m.put("description", i.description());
        }
        m.put("type", "virtual-machine".equals(i.type()) ? "vm" : "lxc");
        String base = config.get("volatile.base_image");
        if (base != null) {
            m.put("os_image", aliases.getOrDefault(base, base));
        } else {
            notes.add(where + ": no volatile.base_image, so no os_image (only needed to re-create it)");
        }
        // Keys and devices anklume set are those its markers list; without markers, all of them.
        boolean marked = config.containsKey(Markers.CONFIG_KEYS) || config.containsKey(Markers.DEVICES);
        Set<String> ownedKeys = marked ? new HashSet<>(Markers.splitNames(config.get(Markers.CONFIG_KEYS)))
                : config.keySet().stream().filter(k -> !k.startsWith("volatile.") && !k.startsWith("image.")
                && !Markers.isMarker(k)).collect(Collectors.toSet());
        Set<String> ownedDevices = marked ? new HashSet<>(Markers.splitNames(config.get(Markers.DEVICES)))
                : new HashSet<>(devices.keySet());

        Map<String, String> eth0 = devices.get("eth0");
        if (eth0 != null && ownedDevices.contains("eth0") && eth0.keySet().equals(Set.of("type", "name", "network", "ipv4.address"))
                && "nic".equals(eth0.get("type")) && "eth0".equals(eth0.get("name"))
                && ("net-" + project).equals(eth0.get("network"))) {
            m.put("ip", eth0.get("ipv4.address"));
            ownedDevices.remove("eth0");
        } else if (!devices.containsKey("eth0")) {
            notes.add(where + ": its eth0 comes from a profile; the next apply gives it a static eth0 on net-" + project);
        }
        boolean ephemeral = i.ephemeral() || !"true".equals(config.get("security.protection.delete"));
        if (ephemeral) {
            m.put("ephemeral", true);
        }
        List<String> profiles = new ArrayList<>(i.profiles() == null ? List.of() : i.profiles());
        if (generatedGpu && profiles.contains("gpu")) {
            m.put("gpu", true);
            if (profiles.indexOf("gpu") == profiles.size() - 1) {
                profiles.remove("gpu");
            }
        }
        if (!profiles.equals(List.of("default"))) {
            m.put("profiles", profiles);
        }
        Map<String, String> extraConfig = new TreeMap<>();
        String autostart = config.get("boot.autostart");
        if (autostart != null && ownedKeys.contains("boot.autostart")) {
            m.put("boot_autostart", Boolean.parseBoolean(autostart));
        }
        String priority = config.get("boot.autostart.priority");
        if (priority != null && ownedKeys.contains("boot.autostart.priority")) {
            try {
                int value = Integer.parseInt(priority.strip());
                if (value >= 0 && value <= 100) {
                    m.put("boot_priority", value);
                } else {
                    extraConfig.put("boot.autostart.priority", priority);
                }
            } catch (NumberFormatException e) {
                extraConfig.put("boot.autostart.priority", priority);
            }
        }
        String schedule = config.get("snapshots.schedule");
        if (schedule != null && ownedKeys.contains("snapshots.schedule")) {
            if (CRON.matcher(schedule.strip()).matches()) {
                m.put("snapshots_schedule", schedule.strip());
            } else {
                extraConfig.put("snapshots.schedule", schedule);
            }
        }
        String expiry = config.get("snapshots.expiry");
        if (expiry != null && ownedKeys.contains("snapshots.expiry")) {
            Matcher e = EXPIRY.matcher(expiry.strip());
            if (e.matches()) {
                m.put("snapshots_expiry", e.group(1) + e.group(2).toLowerCase(java.util.Locale.ROOT));
            } else {
                extraConfig.put("snapshots.expiry", expiry);
            }
        }
        for (String key : ownedKeys) {
            if (!FIELD_KEYS.contains(key) && config.containsKey(key) && !Markers.isMarker(key)) {
                extraConfig.put(key, config.get(key));
            }
        }
        if (!extraConfig.isEmpty()) {
            m.put("config", extraConfig);
        }
        Map<String, Map<String, String>> extraDevices = new TreeMap<>();
        for (String name : ownedDevices) {
            if (devices.containsKey(name)) {
                extraDevices.put(name, new TreeMap<>(devices.get(name)));
            }
        }
        if (!extraDevices.isEmpty()) {
            m.put("devices", extraDevices);
        }
        return m;
    }

    /** Fingerprint → first alias name, over the images every project sees (features.images=false). */
    private Map<String, String> aliases() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Image image : client.images().list(null)) {
            List<ImageAlias> list = image.aliases() == null ? List.of() : image.aliases();
            if (!list.isEmpty()) {
                out.put(image.fingerprint(), list.get(0).name());
            }
        }
        return out;
    }

    private static String dump(Map<String, Object> top) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(200);
        return new Yaml(options).dump(top);
    }

    private static Map<String, Map<String, String>> sortedDevices(Map<String, Map<String, String>> devices) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        devices.forEach((k, v) -> out.put(k, new TreeMap<>(v)));
        return out;
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private static Map<String, Map<String, String>> orEmptyDevices(Map<String, Map<String, String>> map) {
        return map == null ? Map.of() : map;
    }
}
