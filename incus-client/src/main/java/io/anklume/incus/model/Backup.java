package io.anklume.incus.model;

import java.time.Instant;

public record Backup(String name, Instant createdAt, Instant expiresAt, boolean instanceOnly,
                     boolean optimizedStorage) {}
