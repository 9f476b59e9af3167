package io.anklume.core.infra;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

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

    /** Linux interface names (IFNAMSIZ - 1); Incus refuses longer bridge names. */
    public static final int MAX_INTERFACE_NAME = 15;

    /**
     * {@code net-<name>}, as anklume names it, when that fits Linux's 15 characters. anklume's generator
     * accepts longer domain names but Incus then refuses the bridge, so a longer name is shortened to
     * its first 7 characters and 4 hex digits of a hash of the whole name: stable across runs, and
     * still {@code net-*} for the firewall and the host-network check.
     */
    public String bridge() {
        String plain = "net-" + name;
        if (plain.length() <= MAX_INTERFACE_NAME) {
            return plain;
        }
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return "net-" + name.substring(0, 7) + String.format(Locale.ROOT, "%04x", crc.getValue() & 0xffff);
    }

    /** True when {@link #bridge()} is not anklume's {@code net-<name>}. */
    public boolean bridgeShortened() {
        return !bridge().equals("net-" + name);
    }
}
