package io.anklume.core.isolation;

import io.anklume.core.infra.Infra;
import io.anklume.core.infra.NetworkPolicy;
import io.anklume.core.net.AddressPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The flows of an infra's network policies, in file order; one source for nft, ACLs and the matrix. */
public final class AllowedFlows {
    private AllowedFlows() {}

    public static List<Flow> of(Infra infra, AddressPlan addresses) {
        List<Flow> flows = new ArrayList<>();
        List<NetworkPolicy> policies = infra.networkPolicies();
        for (int i = 0; i < policies.size(); i++) {
            NetworkPolicy p = policies.get(i);
            Optional<Endpoint> from = Endpoint.resolve(p.from(), infra, addresses);
            Optional<Endpoint> to = Endpoint.resolve(p.to(), infra, addresses);
            if (from.isEmpty() || to.isEmpty() || (from.get() instanceof Endpoint.Host && to.get() instanceof Endpoint.Host)) {
                continue;
            }
            List<Integer> ports = List.copyOf(p.ports());
            boolean all = p.allPorts() || ports.isEmpty();
            flows.add(new Flow(i + 1, p.description(), from.get(), to.get(), p.protocol(), ports, all, false));
            if (p.bidirectional()) {
                flows.add(new Flow(i + 1, p.description(), to.get(), from.get(), p.protocol(), ports, all, true));
            }
        }
        return List.copyOf(flows);
    }
}
