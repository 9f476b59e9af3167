package io.anklume.incus.model;

/** Where a new instance comes from: an image alias or fingerprint, or nothing ({@code none}). */
public record InstanceSource(String type, String alias, String fingerprint) {
    public static InstanceSource imageAlias(String alias) {
        return new InstanceSource("image", alias, null);
    }

    public static InstanceSource imageFingerprint(String fingerprint) {
        return new InstanceSource("image", null, fingerprint);
    }
}
