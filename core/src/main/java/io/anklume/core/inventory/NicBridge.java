package io.anklume.core.inventory;

/** A nic of an instance attached to a bridge; {@code staticIpv4} is its {@code ipv4.address} or null. */
record NicBridge(String device, String bridge, String staticIpv4) {}
