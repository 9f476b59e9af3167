package io.anklume.incus.model;

/** One DHCP lease of a managed bridge; {@code type} is "dynamic", "static" or "gateway". */
public record NetworkLease(String hostname, String hwaddr, String address, String type, String location) {}
