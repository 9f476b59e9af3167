package io.anklume.core.inventory;

/** Reads the full description of one instance (one request). */
public interface Details {
    InstanceDetails of(InstanceRef ref);
}
