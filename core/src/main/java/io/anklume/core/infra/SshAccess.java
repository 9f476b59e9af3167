package io.anklume.core.infra;

/**
 * SSH through the host for one machine: {@code port} is the host port (null: allocated from
 * {@code global.routing.ssh_ports}), {@code user} the account sshpiper and ssh-config log in as.
 */
public record SshAccess(Integer port, String user) {
    public static final String DEFAULT_USER = "root";
}
