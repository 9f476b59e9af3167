package io.anklume.core.routing.ssh;

/**
 * SSH to one machine through the host: host {@code port} → the instance's port 22 (an Incus proxy
 * device), logging in as {@code user}. {@code ipv4} is the instance's current address (nullable), what
 * sshpiper dials.
 */
public record SshRoute(String machine, String project, int port, String user, String ipv4) {}
