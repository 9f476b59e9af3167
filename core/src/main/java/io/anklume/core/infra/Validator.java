package io.anklume.core.infra;

import io.anklume.core.net.AddressPlan;
import io.anklume.core.net.Addressing;
import io.anklume.core.net.Cidr;
import io.anklume.core.net.DomainAddressing;
import io.anklume.core.net.HostNetworks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every rule of the infra.yml format (anklume's, plus anklume-tui's safety checks), reported all at
 * once, each at the file position of the offending value.
 */
public final class Validator {
    static final Pattern NAME = Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$");
    static final Pattern EXPIRY = Pattern.compile("^\\d+[dhm]$");
    /** The longest domain name whose bridge keeps anklume's name net-<domain> within Linux's 15 characters. */
    static final int MAX_DOMAIN_NAME = 11;

    private final Infra infra;
    private final SourceMap at;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, String> bridges = new HashMap<>();

    private Validator(Infra infra) {
        this.infra = infra;
        this.at = infra.source();
    }

    public static List<Problem> validate(Infra infra, HostNetworks host) {
        Validator v = new Validator(infra);
        v.run(host);
        return v.problems.stream().sorted().toList();
    }

    private void error(String path, String message) {
        problems.add(Problem.error(at.at(path), path, message));
    }

    private void warning(String path, String message) {
        problems.add(Problem.warning(at.at(path), path, message));
    }

    private void run(HostNetworks host) {
        Global g = infra.global();
        if (infra.projectName() != null && !NAME.matcher(infra.projectName()).matches()) {
            error("project_name", "'" + infra.projectName() + "' is not a valid name (lowercase letters, digits and "
                    + "inner hyphens)");
        }
        if (!g.legacyAddressing()) {
            if (g.baseOctet() != 10) {
                error("global.addressing.base_octet", "must be 10 (anklume uses the 10.0.0.0/8 private range), got "
                        + g.baseOctet());
            }
            // anklume's range; a zone past 255 is reported on the domain that lands there.
            if (g.zoneBase() < 0 || g.zoneBase() > 245) {
                error("global.addressing.zone_base", "must be 0-245, got " + g.zoneBase());
            }
        } else if (!g.baseSubnet().matches("^\\d{1,3}\\.\\d{1,3}$")) {
            error("global.base_subnet", "must be the first two octets, like \"10.100\", got '" + g.baseSubnet() + "'");
        }
        // anklume creates its firewall VM in the anklume domain unless the file declares one itself.
        boolean ownFirewall = infra.domains().stream().flatMap(d -> d.machines().stream())
                .anyMatch(m -> m.name().equals("anklume-firewall") || m.name().equals("sys-firewall"));
        if (g.firewallMode() == Global.FirewallMode.VM && infra.domain("anklume").isEmpty() && !ownFirewall) {
            error("global.firewall_mode", "firewall_mode vm needs a domain named 'anklume' to hold the firewall VM");
        }
        resourcePolicy(g.resourcePolicy());
        Map<String, String> machineDomain = new HashMap<>();
        Map<String, String> ipOwner = new HashMap<>();
        Map<String, String> zoneSubnetIds = new HashMap<>();
        for (Domain d : infra.domains()) {
            domain(d, machineDomain, ipOwner, zoneSubnetIds);
        }
        addresses(host);
        gpu();
        policies(machineDomain);
        problems.addAll(RoutingRules.check(infra));
    }

    private void domain(Domain d, Map<String, String> machineDomain, Map<String, String> ipOwner,
                        Map<String, String> zoneSubnetIds) {
        String path = "domains." + d.name();
        String keyPath = path + "#key";
        if (!NAME.matcher(d.name()).matches()) {
            problems.add(Problem.error(at.at(keyPath), path, "'" + d.name()
                    + "' is not a valid domain name (lowercase letters, digits and inner hyphens)"));
        } else if (d.bridgeShortened()) {
            problems.add(Problem.warning(at.at(keyPath), path, "domain name '" + d.name() + "' is " + d.name().length()
                    + " characters; net-" + d.name() + " does not fit Linux's " + Domain.MAX_INTERFACE_NAME
                    + "-character interface names, so its bridge is " + d.bridge() + " (at most " + MAX_DOMAIN_NAME
                    + " characters keep net-<domain>)"));
        }
        String sameBridge = bridges.putIfAbsent(d.bridge(), d.name());
        if (sameBridge != null) {
            problems.add(Problem.error(at.at(keyPath), path, "domain '" + d.name() + "' would use bridge " + d.bridge()
                    + " like domain '" + sameBridge + "'; rename one of them"));
        }
        Integer sid = d.subnetId();
        if (sid != null && (sid < 0 || sid > 254)) {
            error(path + ".subnet_id", "must be 0-254, got " + sid);
        } else if (sid != null) {
            String zone = infra.global().legacyAddressing() ? "all" : d.trustLevel().yamlName();
            String other = zoneSubnetIds.putIfAbsent(zone + "/" + sid, d.name());
            if (other != null) {
                error(path + ".subnet_id", "subnet_id " + sid + " is already used by domain '" + other + "'"
                        + (infra.global().legacyAddressing() ? "" : " in trust zone " + zone));
            }
        } else if (infra.global().legacyAddressing()) {
            problems.add(Problem.error(at.at(path), path, "missing subnet_id (needed without global.addressing; "
                    + "or add global.addressing to number domains automatically)"));
        }
        for (String p : d.profiles().keySet()) {
            if (!NAME.matcher(p).matches()) {
                error(path + ".profiles." + p, "'" + p + "' is not a valid profile name");
            }
        }
        for (Machine m : d.machines()) {
            machine(d, m, machineDomain, ipOwner);
        }
    }

    private void machine(Domain d, Machine m, Map<String, String> machineDomain, Map<String, String> ipOwner) {
        String path = "domains." + d.name() + ".machines." + m.name();
        if (!NAME.matcher(m.name()).matches()) {
            problems.add(Problem.error(at.at(path + "#key"), path, "'" + m.name()
                    + "' is not a valid machine name (lowercase letters, digits and inner hyphens)"));
        }
        String other = machineDomain.putIfAbsent(m.name(), d.name());
        if (other != null) {
            problems.add(Problem.error(at.at(path + "#key"), path, "machine '" + m.name()
                    + "' is already defined in domain '" + other + "'; machine names are unique across domains"));
        }
        if (m.ip() != null) {
            if (!Cidr.isIpv4(m.ip())) {
                error(path + ".ip", "'" + m.ip() + "' is not an IPv4 address");
            } else {
                String owner = ipOwner.putIfAbsent(m.ip(), m.name());
                if (owner != null) {
                    error(path + ".ip", m.ip() + " is already used by machine '" + owner + "'");
                }
            }
        }
        for (String p : m.profiles()) {
            if (!p.equals("default") && !d.profiles().containsKey(p)) {
                error(path + ".profiles", "profile '" + p + "' is not defined in domain '" + d.name() + "'"
                        + YamlNodes.closest(p, new ArrayList<>(d.profiles().keySet()))
                                .map(s -> " (did you mean '" + s + "'?)").orElse(""));
            }
        }
        if (m.bootPriority() != null && (m.bootPriority() < 0 || m.bootPriority() > 100)) {
            error(path + ".boot_priority", "must be an integer 0-100, got " + m.bootPriority());
        }
        if (m.weight() != null && m.weight() < 1) {
            error(path + ".weight", "must be a positive integer, got " + m.weight());
        }
        if (m.snapshotsSchedule() != null) {
            Cron.problem(m.snapshotsSchedule()).ifPresent(p -> error(path + ".snapshots_schedule", p));
        }
        if (m.snapshotsExpiry() != null && !EXPIRY.matcher(m.snapshotsExpiry()).matches()) {
            error(path + ".snapshots_expiry", "must be a number and a unit d, h or m (e.g. 30d, 24h, 60m), got '"
                    + m.snapshotsExpiry() + "'");
        }
    }

    /** Subnets, static IPs and the host's own networks, from the same allocation apply uses. */
    private void addresses(HostNetworks host) {
        AddressPlan plan = Addressing.allocate(infra);
        Map<String, Cidr> subnets = new LinkedHashMap<>();
        for (DomainAddressing a : plan.domains().values()) {
            if (a.zone() > 255 || a.seq() > 255) {
                error("domains." + a.domain(), "subnet " + a.subnet() + " is not a valid IPv4 network"
                        + (a.zone() > 255 ? " (global.addressing.zone_base plus this trust level's offset is past 255; "
                        + "lower zone_base)" : ""));
                continue;
            }
            subnets.put(a.domain(), Cidr.parse(a.subnet()));
        }
        List<String> names = new ArrayList<>(subnets.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                if (subnets.get(names.get(i)).overlaps(subnets.get(names.get(j)))) {
                    error("domains." + names.get(j), "subnet " + subnets.get(names.get(j)) + " overlaps domain '"
                            + names.get(i) + "'");
                }
            }
        }
        for (Map.Entry<String, Cidr> e : subnets.entrySet()) {
            for (HostNetworks.Entry h : host.entries()) {
                if (e.getValue().overlaps(Cidr.parse(h.cidr()))) {
                    error("domains." + e.getKey(), "subnet " + e.getValue() + " overlaps the host's network " + h.cidr()
                            + " on " + h.iface() + "; a bridge there would cut the host off. "
                            + (infra.global().legacyAddressing() ? "Change global.base_subnet or subnet_id"
                            : "Change global.addressing.zone_base or subnet_id"));
                }
            }
        }
        for (Domain d : infra.enabledDomains()) {
            Cidr subnet = subnets.get(d.name());
            int auto = 0;
            for (Machine m : d.machines()) {
                String path = "domains." + d.name() + ".machines." + m.name();
                if (m.ip() == null) {
                    auto++;
                    continue;
                }
                if (subnet == null || !Cidr.isIpv4(m.ip())) {
                    continue;
                }
                if (!subnet.contains(m.ip())) {
                    error(path + ".ip", m.ip() + " is not in subnet " + subnet + " of domain '" + d.name() + "'");
                    continue;
                }
                long host4 = Cidr.toLong(m.ip()) & 255;
                if (host4 == 0 || host4 == 255 || host4 == Addressing.GATEWAY_HOST) {
                    error(path + ".ip", m.ip() + " is the " + (host4 == 0 ? "network" : host4 == 255 ? "broadcast"
                            : "gateway") + " address of " + subnet);
                } else if (host4 >= 100) {
                    warning(path + ".ip", m.ip() + " is in the DHCP range .100-.249; static addresses belong in .1-.99");
                }
            }
            if (!infra.global().legacyAddressing() && auto > 0
                    && d.machines().stream().filter(m -> plan.machineIps().containsKey(m.name())).count() < d.machines().size()) {
                error("domains." + d.name() + ".machines", "domain '" + d.name() + "' ran out of static IPs (.1-.99) for "
                        + "its machines");
            }
        }
    }

    private void gpu() {
        List<String> holders = new ArrayList<>();
        String firstPath = null;
        for (Domain d : infra.domains()) {
            for (Machine m : d.machines()) {
                boolean viaProfile = m.profiles().stream().map(d.profiles()::get).anyMatch(p -> p != null
                        && p.devices().values().stream().anyMatch(dev -> "gpu".equals(dev.get("type"))));
                if (m.gpu() || viaProfile) {
                    holders.add(m.name());
                    if (holders.size() == 2) {
                        firstPath = "domains." + d.name() + ".machines." + m.name() + (m.gpu() ? ".gpu" : ".profiles");
                    }
                }
            }
        }
        if (holders.size() > 1) {
            String names = String.join(", ", holders);
            if (infra.global().gpuPolicy() == Global.GpuPolicy.EXCLUSIVE) {
                error(firstPath, "GPU policy is 'exclusive' but " + holders.size() + " instances have GPU access: " + names
                        + ". Set global.gpu_policy: shared to allow this.");
            } else {
                warning(firstPath, "GPU policy is 'shared': " + holders.size() + " instances share GPU access (" + names
                        + "). No VRAM isolation on consumer GPUs.");
            }
        }
    }

    private void policies(Map<String, String> machineDomain) {
        Set<String> domains = new HashSet<>();
        Set<String> disabled = new HashSet<>();
        infra.domains().forEach(d -> {
            domains.add(d.name());
            if (!d.enabled()) {
                disabled.add(d.name());
            }
        });
        List<String> known = new ArrayList<>(domains);
        known.addAll(machineDomain.keySet());
        known.add(NetworkPolicy.HOST);
        for (int i = 0; i < infra.networkPolicies().size(); i++) {
            NetworkPolicy p = infra.networkPolicies().get(i);
            String path = "network_policies[" + i + "]";
            for (String[] ref : new String[][] {{"from", p.from()}, {"to", p.to()}}) {
                if (ref[1] == null) {
                    continue;
                }
                if (!known.contains(ref[1])) {
                    error(path + "." + ref[0], "'" + ref[1] + "' is not a known domain, machine, or 'host'"
                            + YamlNodes.closest(ref[1], known).map(s -> " (did you mean '" + s + "'?)").orElse(""));
                } else if (disabled.contains(ref[1])) {
                    warning(path + "." + ref[0], "'" + ref[1] + "' is a disabled domain; this policy has no effect");
                }
            }
            if (p.from() != null && p.from().equals(p.to())) {
                warning(path, "from and to are both '" + p.from() + "'; traffic inside a domain is always allowed");
            }
        }
    }

    private void resourcePolicy(ResourcePolicy r) {
        if (r == null) {
            return;
        }
        reserve("global.resource_policy.host_reserve.cpu", r.hostReserveCpu(), false);
        reserve("global.resource_policy.host_reserve.memory", r.hostReserveMemory(), true);
    }

    private void reserve(String path, String value, boolean memory) {
        if (value == null) {
            return;
        }
        String v = value.strip();
        if (v.endsWith("%")) {
            try {
                int pct = Integer.parseInt(v.substring(0, v.length() - 1).strip());
                if (pct < 1 || pct > 99) {
                    error(path, "percentage must be 1-99, got " + pct);
                }
            } catch (NumberFormatException e) {
                error(path, "invalid format '" + v + "'; write a percentage like \"20%\"");
            }
            return;
        }
        try {
            if (Double.parseDouble(v) <= 0) {
                error(path, "must be positive, got " + v);
            }
        } catch (NumberFormatException e) {
            if (!memory || io.anklume.core.policy.MemorySize.parse(v) <= 0) {
                error(path, "must be 'N%' or a positive " + (memory ? "amount like 4GiB" : "number") + ", got '" + v + "'");
            }
        }
    }
}
