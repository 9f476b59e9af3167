package io.anklume.core.isolation;

import io.anklume.core.infra.Domain;
import io.anklume.core.infra.Infra;
import io.anklume.core.net.AddressPlan;
import io.anklume.core.net.DomainAddressing;
import io.anklume.incus.model.AclRule;
import io.anklume.incus.model.NetworkAcl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code firewall_mode: acl}: the same isolation as Incus network ACLs, one ACL {@code anklume-<domain>}
 * per enabled domain, attached to its bridge. Incus applies a bridge's ACL to the traffic of the
 * instances on it: ingress is traffic going to them, egress traffic leaving them, and replies of allowed
 * connections pass. The bridge's default ingress action is drop, so an instance accepts new traffic
 * only from its own subnet (its domain, and the host through the bridge's own address) and from the
 * sources a policy names, on the policy's ports. Egress stays allow (as host mode leaves non-anklume
 * traffic alone): dropping it would also cut the instances off the outside, and the drop on the
 * receiving bridge already blocks traffic between domains.
 */
public final class AclRules {
    public static final String PREFIX = "anklume-";
    public static final String MANAGED = "user.anklume.managed";
    public static final String KEY_ACLS = "security.acls";
    public static final String KEY_INGRESS = "security.acls.default.ingress.action";
    public static final String KEY_EGRESS = "security.acls.default.egress.action";

    private AclRules() {}

    /** One ACL per enabled domain, by bridge name. */
    public static Map<String, NetworkAcl> generate(Infra infra, AddressPlan addresses) {
        List<Flow> flows = AllowedFlows.of(infra, addresses);
        Map<String, NetworkAcl> acls = new LinkedHashMap<>();
        for (Domain d : infra.enabledDomains()) {
            DomainAddressing a = addresses.domains().get(d.name());
            if (a == null) {
                continue;
            }
            List<AclRule> ingress = new ArrayList<>();
            ingress.add(allow(a.subnet(), null, null, null, "same domain " + d.name()));
            for (Flow f : flows) {
                if (!f.forwarded() || !f.to().domain().orElse("").equals(d.name())) {
                    continue;
                }
                String destination = f.to() instanceof Endpoint.OneMachine m ? m.ip() + "/32" : null;
                String protocol = f.allPorts() ? null : f.protocol().name().toLowerCase();
                String ports = f.allPorts() ? null
                        : String.join(",", f.ports().stream().distinct().sorted().map(String::valueOf).toList());
                ingress.add(allow(source(f.from(), addresses), destination, protocol, ports,
                        f.policyLabel() + ": " + f.from().label() + " -> " + f.to().label() + (f.reverse() ? " (reverse)" : "")));
            }
            acls.put(d.bridge(), new NetworkAcl(name(d.name()), "anklume isolation of domain " + d.name()
                    + " (generated from infra.yml)", ingress, List.of(), Map.of(MANAGED, "true"), null));
        }
        return acls;
    }

    public static String name(String domain) {
        return PREFIX + domain;
    }

    /** The config keys a bridge gets to use its ACL. */
    public static Map<String, String> bridgeConfig(String aclName) {
        return Map.of(KEY_ACLS, aclName, KEY_INGRESS, "drop", KEY_EGRESS, "allow");
    }

    private static String source(Endpoint from, AddressPlan addresses) {
        if (from instanceof Endpoint.OneMachine m) {
            return m.ip() + "/32";
        }
        DomainAddressing a = addresses.domains().get(from.domain().orElseThrow());
        return a.subnet();
    }

    private static AclRule allow(String source, String destination, String protocol, String ports, String description) {
        return new AclRule("allow", source, destination, protocol, null, ports, null, null, description, "enabled");
    }
}
