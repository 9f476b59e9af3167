package io.anklume.core.infra;

import java.util.List;
import java.util.Map;

/** One domain: an Incus project, a bridge {@code net-<name>} and its machines. */
public record Domain(String name, String description, boolean enabled, Integer subnetId, TrustLevel trustLevel,
                     boolean ephemeral, Map<String, ProfileSpec> profiles, List<Machine> machines) {

    public String bridge() {
        return "net-" + name;
    }
}
