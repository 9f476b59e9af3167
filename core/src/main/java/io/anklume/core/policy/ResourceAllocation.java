package io.anklume.core.policy;

import java.util.List;
import java.util.Map;

/**
 * Limits computed by a resource policy: extra config keys per machine (never overriding what the
 * machine sets itself), warnings, and the overcommit refusal when the total exceeds what the host
 * has left after its reserve.
 */
public record ResourceAllocation(Map<String, Map<String, String>> configByMachine, List<String> warnings,
                                 String overcommitError) {
    public static ResourceAllocation none() {
        return new ResourceAllocation(Map.of(), List.of(), null);
    }

    public Map<String, String> forMachine(String machine) {
        return configByMachine.getOrDefault(machine, Map.of());
    }

    public boolean refused() {
        return overcommitError != null;
    }
}
