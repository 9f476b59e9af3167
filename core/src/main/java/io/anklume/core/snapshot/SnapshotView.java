package io.anklume.core.snapshot;

import java.time.Instant;

public record SnapshotView(String name, Instant createdAt, Instant expiresAt, boolean stateful) {}
