package io.anklume.core.infra;

import java.util.Arrays;
import java.util.Optional;

/** anklume's five trust levels; the zone offset places each level's subnets (see Addressing). */
public enum TrustLevel {
    ADMIN("admin", 0),
    TRUSTED("trusted", 10),
    SEMI_TRUSTED("semi-trusted", 20),
    UNTRUSTED("untrusted", 40),
    DISPOSABLE("disposable", 50);

    public static final TrustLevel DEFAULT = SEMI_TRUSTED;

    private final String yamlName;
    private final int zoneOffset;

    TrustLevel(String yamlName, int zoneOffset) {
        this.yamlName = yamlName;
        this.zoneOffset = zoneOffset;
    }

    public String yamlName() {
        return yamlName;
    }

    public int zoneOffset() {
        return zoneOffset;
    }

    public static Optional<TrustLevel> parse(String text) {
        return Arrays.stream(values()).filter(t -> t.yamlName.equals(text)).findFirst();
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
