package io.anklume.core.net;

import io.anklume.core.infra.Domain;
import io.anklume.core.infra.Global;
import io.anklume.core.infra.Infra;
import io.anklume.core.infra.Machine;
import io.anklume.core.infra.TrustLevel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * anklume's deterministic allocation, as its generator computes it (same input, same addresses):
 * <ul>
 * <li>zone mode ({@code global.addressing}): a domain's subnet is
 * {@code <base_octet>.<zone_base + trust offset>.<seq>.0/24}; within one trust level, explicit
 * {@code subnet_id}s are reserved first and the other domains, sorted by name, take the lowest free
 * numbers. Disabled domains keep their number, so enabling one never moves the others. Machines
 * without {@code ip} get the lowest free host number from .1, in declaration order (.1–.99).</li>
 * <li>legacy mode ({@code global.base_subnet}): {@code <base_subnet>.<subnet_id>.0/24}, and only
 * explicit machine IPs.</li>
 * </ul>
 * The gateway is .254 in both. Problems (more than 99 machines, ...) are the validator's to report;
 * here they are skipped.
 */
public final class Addressing {
    public static final int GATEWAY_HOST = 254;
    public static final int LAST_STATIC_HOST = 99;

    private Addressing() {}

    public static AddressPlan allocate(Infra infra) {
        Map<String, DomainAddressing> domains = new LinkedHashMap<>();
        Map<String, String> ips = new LinkedHashMap<>();
        Global g = infra.global();
        Map<String, int[]> octets = g.legacyAddressing() ? legacy(infra) : zones(infra);
        for (Domain d : infra.domains()) {
            int[] o = octets.get(d.name());
            if (o == null || !d.enabled()) {
                continue;
            }
            String prefix = g.legacyAddressing() ? g.baseSubnet() + "." + o[1] : g.baseOctet() + "." + o[0] + "." + o[1];
            domains.put(d.name(), new DomainAddressing(d.name(), d.bridge(), o[0], o[1], prefix + ".0/24",
                    prefix + "." + GATEWAY_HOST));
            assignMachines(d, prefix, !g.legacyAddressing(), ips);
        }
        return new AddressPlan(domains, ips);
    }

    /** {second octet, third octet} per domain name, over all domains (enabled or not). */
    static Map<String, int[]> zones(Infra infra) {
        Map<TrustLevel, List<Domain>> byTrust = new LinkedHashMap<>();
        for (Domain d : infra.domains()) {
            byTrust.computeIfAbsent(d.trustLevel() == null ? TrustLevel.DEFAULT : d.trustLevel(), t -> new ArrayList<>()).add(d);
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        byTrust.forEach((trust, list) -> {
            int zone = infra.global().zoneBase() + trust.zoneOffset();
            TreeMap<Integer, String> seqs = new TreeMap<>();
            List<String> auto = new ArrayList<>();
            list.stream().sorted(java.util.Comparator.comparing(Domain::name)).forEach(d -> {
                if (d.subnetId() != null) {
                    seqs.putIfAbsent(d.subnetId(), d.name());
                } else {
                    auto.add(d.name());
                }
            });
            int seq = 0;
            for (String name : auto) {
                while (seqs.containsKey(seq)) {
                    seq++;
                }
                seqs.put(seq, name);
                seq++;
            }
            seqs.forEach((s, name) -> out.putIfAbsent(name, new int[] {zone, s}));
        });
        return out;
    }

    static Map<String, int[]> legacy(Infra infra) {
        Map<String, int[]> out = new LinkedHashMap<>();
        String[] parts = infra.global().baseSubnet().split("\\.");
        int second = parts.length > 1 ? parseOr(parts[1], 0) : 0;
        for (Domain d : infra.domains()) {
            if (d.subnetId() != null) {
                out.put(d.name(), new int[] {second, d.subnetId()});
            }
        }
        return out;
    }

    private static void assignMachines(Domain d, String prefix, boolean autoAssign, Map<String, String> ips) {
        Set<Integer> used = new HashSet<>();
        for (Machine m : d.machines()) {
            if (m.ip() != null && m.ip().startsWith(prefix + ".")) {
                used.add(parseOr(m.ip().substring(prefix.length() + 1), -1));
            }
        }
        int next = 1;
        for (Machine m : d.machines()) {
            if (m.ip() != null && !m.ip().isBlank()) {
                ips.put(m.name(), m.ip());
                continue;
            }
            if (!autoAssign) {
                continue;
            }
            while (used.contains(next) && next <= LAST_STATIC_HOST) {
                next++;
            }
            if (next > LAST_STATIC_HOST) {
                continue;
            }
            ips.put(m.name(), prefix + "." + next);
            used.add(next);
            next++;
        }
    }

    static int parseOr(String s, int fallback) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
