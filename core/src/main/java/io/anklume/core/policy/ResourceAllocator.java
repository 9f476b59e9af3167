package io.anklume.core.policy;

import io.anklume.core.infra.Infra;
import io.anklume.core.infra.Machine;
import io.anklume.core.infra.ResourcePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * anklume's automatic CPU/memory split ({@code global.resource_policy}), computed the way anklume's
 * generator does so both tools give the same limits for the same file and host: the host's
 * resources minus {@code host_reserve} are shared between the machines that set no limit of their
 * own, by {@code weight} (proportional) or equally; CPU as an allowance percentage or a core count;
 * at least 128 MiB of memory each; soft memory enforcement on every machine with a memory limit.
 */
public final class ResourceAllocator {
    static final long MIN_MEMORY = 128L << 20;

    private ResourceAllocator() {}

    public static ResourceAllocation allocate(Infra infra, HostResources host) {
        ResourcePolicy policy = infra.global().resourcePolicy();
        if (policy == null) {
            return ResourceAllocation.none();
        }
        List<String> warnings = new ArrayList<>();
        double reserveCpu = reserve(policy.hostReserveCpu(), host.cpus(), false);
        double reserveMem = reserve(policy.hostReserveMemory(), host.memoryBytes(), true);
        double availableCpu = host.cpus() - reserveCpu;
        double availableMem = host.memoryBytes() - reserveMem;
        if (availableCpu <= 0 || availableMem <= 0) {
            warnings.add("host_reserve leaves nothing to share (" + host.cpus() + " CPUs, "
                    + MemorySize.format(host.memoryBytes()) + "): no limits computed");
            return new ResourceAllocation(Map.of(), warnings, null);
        }
        boolean equal = policy.mode() == ResourcePolicy.Mode.EQUAL;
        List<Machine> machines = infra.machines().toList();
        List<Machine> needCpu = machines.stream().filter(m -> !has(m, "limits.cpu") && !has(m, "limits.cpu.allowance")).toList();
        List<Machine> needMem = machines.stream().filter(m -> !has(m, "limits.memory")).toList();

        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        double cpuWeights = equal ? needCpu.size() : needCpu.stream().mapToDouble(ResourceAllocator::weight).sum();
        for (Machine m : needCpu) {
            double share = availableCpu * (equal ? 1 : weight(m)) / cpuWeights;
            if (policy.cpuMode() == ResourcePolicy.CpuMode.COUNT) {
                put(out, m, "limits.cpu", Integer.toString(Math.max(1, (int) share)));
            } else {
                put(out, m, "limits.cpu.allowance", Math.max(1, (int) (share / host.cpus() * 100)) + "%");
            }
        }
        double memWeights = equal ? needMem.size() : needMem.stream().mapToDouble(ResourceAllocator::weight).sum();
        for (Machine m : needMem) {
            long share = Math.max(MIN_MEMORY, (long) (availableMem * (equal ? 1 : weight(m)) / memWeights));
            put(out, m, "limits.memory", MemorySize.format(share));
        }
        if (policy.memoryEnforce() == ResourcePolicy.MemoryEnforce.SOFT) {
            for (Machine m : machines) {
                boolean limited = has(m, "limits.memory") || out.getOrDefault(m.name(), Map.of()).containsKey("limits.memory");
                if (limited && !has(m, "limits.memory.enforce")) {
                    put(out, m, "limits.memory.enforce", "soft");
                }
            }
        }
        String overcommit = overcommit(machines, out, availableCpu, availableMem, host);
        if (overcommit != null && policy.overcommit()) {
            warnings.add(overcommit);
            overcommit = null;
        } else if (overcommit != null) {
            overcommit = overcommit + ". Set resource_policy.overcommit: true to allow.";
        }
        return new ResourceAllocation(out, warnings, overcommit);
    }

    private static String overcommit(List<Machine> machines, Map<String, Map<String, String>> computed,
                                     double availableCpu, double availableMem, HostResources host) {
        double cores = 0;
        double allowance = 0;
        long memory = 0;
        for (Machine m : machines) {
            Map<String, String> config = new LinkedHashMap<>(computed.getOrDefault(m.name(), Map.of()));
            if (m.config() != null) {
                config.putAll(m.config());
            }
            if (config.containsKey("limits.cpu")) {
                try {
                    cores += Integer.parseInt(config.get("limits.cpu").strip());
                } catch (NumberFormatException ignored) {
                    // A range or list of CPUs: not counted, as anklume does.
                }
            } else if (config.containsKey("limits.cpu.allowance") && config.get("limits.cpu.allowance").endsWith("%")) {
                try {
                    allowance += Integer.parseInt(config.get("limits.cpu.allowance").replace("%", "").strip());
                } catch (NumberFormatException ignored) {
                    // Not a plain percentage.
                }
            }
            if (config.containsKey("limits.memory")) {
                memory += MemorySize.parse(config.get("limits.memory"));
            }
        }
        double maxAllowance = availableCpu / host.cpus() * 100;
        List<String> parts = new ArrayList<>();
        if (cores > availableCpu * 1.001) {
            parts.add(String.format(Locale.ROOT, "CPU: %.0f cores > %.0f available", cores, availableCpu));
        }
        if (allowance > maxAllowance * 1.001) {
            parts.add(String.format(Locale.ROOT, "CPU allowance: %.0f%% > %.0f%% available", allowance, maxAllowance));
        }
        if (memory > availableMem) {
            parts.add("Memory: " + MemorySize.format(memory) + " > " + MemorySize.format((long) availableMem));
        }
        return parts.isEmpty() ? null : "Resource overcommit: " + String.join("; ", parts);
    }

    /** "20%" of the total, or an absolute amount (cores, or a memory string). */
    static double reserve(String value, double total, boolean memory) {
        String v = value == null || value.isBlank() ? "20%" : value.strip();
        if (v.endsWith("%")) {
            return total * Integer.parseInt(v.substring(0, v.length() - 1).strip()) / 100.0;
        }
        if (memory) {
            return MemorySize.parse(v);
        }
        return Double.parseDouble(v);
    }

    private static boolean has(Machine m, String key) {
        return m.config() != null && m.config().containsKey(key);
    }

    private static double weight(Machine m) {
        return m.weight() == null ? 1 : m.weight();
    }

    private static void put(Map<String, Map<String, String>> out, Machine m, String key, String value) {
        out.computeIfAbsent(m.name(), k -> new LinkedHashMap<>()).put(key, value);
    }
}
