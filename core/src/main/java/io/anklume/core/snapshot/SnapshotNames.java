package io.anklume.core.snapshot;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The names anklume gives snapshots: {@code snap-<stamp>} when a person asks for one and
 * {@code pre-apply-<stamp>} before an apply changes an instance. The stamp is UTC, so names sort by
 * time and read the same on every machine.
 */
public final class SnapshotNames {
    public static final String MANUAL = "snap-";
    public static final String PRE_APPLY = "pre-apply-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private SnapshotNames() {}

    /** {@code yyyyMMdd-HHmmss} in UTC. */
    public static String stamp(Clock clock) {
        return STAMP.format(clock.instant());
    }

    public static String manual(Clock clock) {
        return MANUAL + stamp(clock);
    }

    public static String preApply(Clock clock) {
        return PRE_APPLY + stamp(clock);
    }

    public static boolean isPreApply(String name) {
        return name != null && name.startsWith(PRE_APPLY);
    }
}
