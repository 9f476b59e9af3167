package io.anklume.core.plan;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@code user.anklume.*} keys anklume writes on Incus objects. Everything in this namespace is
 * owned by anklume; the two lists record which other keys and devices it set, so that a key or device
 * dropped from infra.yml is removed on the next apply while keys set by hand are never touched.
 */
public final class Markers {
    public static final String PREFIX = "user.anklume.";
    public static final String MANAGED = PREFIX + "managed";
    public static final String DOMAIN = PREFIX + "domain";
    public static final String TRUST = PREFIX + "trust";
    public static final String CONFIG_KEYS = PREFIX + "config-keys";
    public static final String DEVICES = PREFIX + "devices";

    private Markers() {}

    public static boolean isMarker(String key) {
        return key.startsWith(PREFIX);
    }

    public static String joinNames(Collection<String> names) {
        return String.join(",", new TreeSet<>(names));
    }

    public static List<String> splitNames(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
