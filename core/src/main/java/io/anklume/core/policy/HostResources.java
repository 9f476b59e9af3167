package io.anklume.core.policy;

/** What the host offers to split: CPU threads and memory in bytes (from {@code /1.0/resources}). */
public record HostResources(int cpus, long memoryBytes) {}
