package io.anklume.core.infra;

import java.util.List;
import java.util.Map;

/**
 * One domain: an Incus project, a bridge {@code net-<name>} and its machines. {@code nat} is the domain's
 * own {@code nat:} key, null when absent (then {@code global.nat} decides, see {@link #nat(Global)}).
 */
public record Domain(String name, String description, boolean enabled, Integer subnetId, TrustLevel trustLevel,
                     boolean ephemeral, Map<String, ProfileSpec> profiles, List<Machine> machines, Boolean nat) {

    public Domain(String name, String description, boolean enabled, Integer subnetId, TrustLevel trustLevel,
                  boolean ephemeral, Map<String, ProfileSpec> profiles, List<Machine> machines) {
        this(name, description, enabled, subnetId, trustLevel, ephemeral, profiles, machines, null);
    }

    /** Whether this domain's bridge NATs: its own {@code nat:}, else {@code global.nat}. */
    public boolean nat(Global global) {
        return nat != null ? nat : global.nat();
    }

    public String bridge() {
        return "net-" + name;
    }
}
