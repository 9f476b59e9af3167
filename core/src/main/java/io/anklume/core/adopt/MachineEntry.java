package io.anklume.core.adopt;

/**
 * What adoption writes for one machine in infra.yml. {@code type} is "lxc" or "vm";
 * {@code description} and {@code ip} (a static address of its nic) may be null.
 */
public record MachineEntry(String name, String type, String description, String ip) {}
