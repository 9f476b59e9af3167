package io.anklume.incus.model;

import java.util.List;
import java.util.Map;

/**
 * The writable part of an instance for {@code PUT} (full replace) or {@code PATCH} (merge; null fields
 * are left out of the body). PUT must carry the {@code volatile.*} keys back: build it from a fresh GET.
 */
public record InstancePut(
        Map<String, String> config,
        Map<String, Map<String, String>> devices,
        List<String> profiles,
        String description,
        Boolean ephemeral) {

    public static InstancePut of(Instance i) {
        return new InstancePut(i.config(), i.devices(), i.profiles(), i.description(), i.ephemeral());
    }
}
