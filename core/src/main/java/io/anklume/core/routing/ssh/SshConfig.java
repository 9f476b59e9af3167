package io.anklume.core.routing.ssh;

import java.util.List;

/** {@code ~/.ssh/config} Host blocks for the SSH routes, through the host's proxy-device ports. Pure. */
public final class SshConfig {
    private SshConfig() {}

    /** @param hostName the address of the Incus host as the user's ssh client reaches it */
    public static String render(List<SshRoute> routes, String hostName) {
        StringBuilder b = new StringBuilder("# anklume-tui ssh-config: SSH routes through ").append(hostName).append('\n');
        for (SshRoute r : routes) {
            b.append('\n')
                    .append("Host ").append(r.machine()).append('\n')
                    .append("    HostName ").append(hostName).append('\n')
                    .append("    Port ").append(r.port()).append('\n')
                    .append("    User ").append(r.user()).append('\n')
                    // Every route shares the host's name: keep each machine's own host key apart.
                    .append("    HostKeyAlias anklume-").append(r.machine()).append('\n');
        }
        return b.toString();
    }
}
