package io.anklume.core.isolation;

import io.anklume.core.infra.NetworkPolicy;
import java.util.List;

/**
 * One direction of traffic a network policy allows. A bidirectional policy gives two flows, the second
 * {@code reverse}. {@code allPorts} ({@code ports: all}) matches no protocol or port at all, as anklume
 * renders it: the whole flow is open, ICMP included.
 */
public record Flow(int policyIndex, String description, Endpoint from, Endpoint to, NetworkPolicy.Protocol protocol,
                   List<Integer> ports, boolean allPorts, boolean reverse) {

    /** "policy 2 (pro may reach the web server)" for people; the index is the file's, from 1. */
    public String policyLabel() {
        String d = description == null || description.isBlank() ? "" : " (" + description + ")";
        return "policy " + policyIndex + d;
    }

    /** "tcp 80,443" or "all ports". */
    public String portsLabel() {
        if (allPorts) {
            return "all ports";
        }
        return protocol.name().toLowerCase() + " " + String.join(",", ports.stream().map(String::valueOf).toList());
    }

    /** Through the forward hook (between bridges), as opposed to into the host (input hook). */
    public boolean forwarded() {
        return !(from instanceof Endpoint.Host) && !(to instanceof Endpoint.Host);
    }
}
