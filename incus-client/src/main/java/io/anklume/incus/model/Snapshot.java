package io.anklume.incus.model;

import java.time.Instant;

/** An instance snapshot; {@code expiresAt} is null when it never expires, {@code size} -1 when unknown. */
public record Snapshot(String name, Instant createdAt, Instant expiresAt, boolean stateful, long size) {}
