package io.anklume.core.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.anklume.core.infra.InfraFiles;
import io.anklume.core.net.HostNetworks;
import io.anklume.incus.model.AclRule;
import io.anklume.incus.model.NetworkAcl;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AclRulesTest {
    @Test
    void eachDomainAcceptsItsOwnSubnetAndWhatPoliciesOpenToIt() {
        InfraFiles.Loaded loaded = InfraFiles.load(NftRulesetTest.EXAMPLES.resolve("workstation/infra.yml"), HostNetworks.none());
        Map<String, NetworkAcl> acls = AclRules.generate(loaded.infra(), loaded.addresses());
        assertEquals(List.of("net-admin", "net-pro", "net-perso", "net-homelab", "net-sandbox", "net-disp"), List.copyOf(acls.keySet()));
        NetworkAcl homelab = acls.get("net-homelab");
        assertEquals("anklume-homelab", homelab.name());
        assertEquals(Map.of("user.anklume.managed", "true"), homelab.config());
        assertEquals(List.of(
                new AclRule("allow", "10.120.0.0/24", null, null, null, null, null, null, "same domain homelab", "enabled"),
                new AclRule("allow", "10.110.0.0/24", "10.120.0.1/32", "tcp", null, "80,443", null, null,
                        "policy 1 (pro may reach the homelab web server): pro -> homelab-web", "enabled"),
                new AclRule("allow", "10.100.0.0/24", null, "tcp", null, "22", null, null,
                        "policy 2 (admin manages everything over SSH): admin -> homelab", "enabled")), homelab.ingress());
        assertEquals(List.of(), homelab.egress());
        assertEquals(1, acls.get("net-pro").ingress().size(), "nothing is opened towards pro");
        assertEquals(Map.of("security.acls", "anklume-pro", "security.acls.default.ingress.action", "drop",
                "security.acls.default.egress.action", "allow"), AclRules.bridgeConfig("anklume-pro"));
    }
}
