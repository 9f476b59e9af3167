package io.anklume.core.isolation;

import io.anklume.core.infra.Domain;
import io.anklume.core.infra.Infra;
import io.anklume.core.net.AddressPlan;
import java.util.List;

/**
 * Which domain may open traffic to which: for each ordered pair of enabled domains the flows that
 * allow some of it (empty: blocked). Same domain is always open. What the isolation view draws.
 */
public record IsolationMatrix(List<String> domains, List<Flow> flows) {

    public static IsolationMatrix of(Infra infra, AddressPlan addresses) {
        return new IsolationMatrix(infra.enabledDomains().stream().map(Domain::name).toList(),
                AllowedFlows.of(infra, addresses));
    }

    /** The flows that open part of the traffic from domain {@code from} to domain {@code to}. */
    public List<Flow> allowedBy(String from, String to) {
        return flows.stream().filter(Flow::forwarded)
                .filter(f -> f.from().domain().orElse("").equals(from) && f.to().domain().orElse("").equals(to))
                .toList();
    }

    public boolean blocked(String from, String to) {
        return !from.equals(to) && allowedBy(from, to).isEmpty();
    }

    /** The flows that let traffic reach instance {@code machine} of {@code domain}, from other domains or the host. */
    public List<Flow> reaching(String machine, String domain) {
        return flows.stream().filter(f -> f.to() instanceof Endpoint.OneMachine m ? m.name().equals(machine)
                : f.to() instanceof Endpoint.WholeDomain d && d.name().equals(domain)).toList();
    }
}
