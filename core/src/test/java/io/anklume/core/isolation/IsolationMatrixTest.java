package io.anklume.core.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.InfraFiles;
import io.anklume.core.net.HostNetworks;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsolationMatrixTest {
    final InfraFiles.Loaded loaded = InfraFiles.load(NftRulesetTest.EXAMPLES.resolve("workstation/infra.yml"), HostNetworks.none());
    final IsolationMatrix matrix = IsolationMatrix.of(loaded.infra(), loaded.addresses());

    @Test
    void pairsAreBlockedUnlessAPolicyOpensThem() {
        assertEquals(List.of("admin", "pro", "perso", "homelab", "sandbox", "disp"), matrix.domains());
        assertFalse(matrix.blocked("pro", "homelab"));
        assertEquals("policy 1 (pro may reach the homelab web server)", matrix.allowedBy("pro", "homelab").get(0).policyLabel());
        assertEquals("tcp 80,443", matrix.allowedBy("pro", "homelab").get(0).portsLabel());
        assertTrue(matrix.blocked("homelab", "pro"), "policies are one way unless bidirectional");
        assertTrue(matrix.blocked("sandbox", "admin"));
        assertFalse(matrix.blocked("pro", "pro"), "a domain is open to itself");
    }

    @Test
    void anInstanceIsReachedByPoliciesToItAndToItsDomain() {
        assertEquals(List.of(1, 2), matrix.reaching("homelab-web", "homelab").stream().map(Flow::policyIndex).toList());
        assertEquals(List.of(2), matrix.reaching("homelab-db", "homelab").stream().map(Flow::policyIndex).toList());
        assertEquals(List.of(), matrix.reaching("pro-dev", "pro"));
    }
}
