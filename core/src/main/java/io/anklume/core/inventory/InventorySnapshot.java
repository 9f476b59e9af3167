package io.anklume.core.inventory;

import java.time.Instant;
import java.util.List;

/** An immutable view of every instance at one moment, plus the connection state to Incus. */
public record InventorySnapshot(List<InstanceView> instances, boolean connected, String problem, Instant takenAt) {}
