package io.anklume.core.infra;

import java.util.List;

/**
 * An allowed flow between domains, machines or the host. {@code ports} empty with {@code allPorts} true
 * means every port.
 */
public record NetworkPolicy(String description, String from, String to, List<Integer> ports, boolean allPorts,
                            Protocol protocol, boolean bidirectional) {
    public enum Protocol { TCP, UDP }

    public static final String HOST = "host";
}
