package io.anklume.core.plan.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.incus.IncusClient;
import io.anklume.incus.lab.IncusLab;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The safety net of the network rule on the real daemon: cleaning up a test domain whose bridge did not
 * say ipv4.nat=false removes it all the same, then fails naming the bridge.
 */
class PlanLabIT {

    @Test
    void removingADomainWhoseBridgeDidNotSayNatFalseFailsAfterRemovingIt() {
        try (IncusClient incus = IncusLab.connect()) {
            String domain = PlanLab.newDomainName();
            String bridge = "net-" + domain;
            int zone = PlanLab.freeZone(incus, new HashSet<>());
            // No ipv4.nat key with an explicit address: Incus does not NAT it, yet the rule wants it said.
            incus.networks().create(null, bridge, "bridge", "PlanLabIT", Map.of("ipv4.address", "10." + zone + ".9.254/24",
                    "ipv6.address", "none", IncusLab.MARKER, String.valueOf(Instant.now().getEpochSecond())));
            try {
                AssertionError e = assertThrows(AssertionError.class, () -> PlanLab.removeDomains(incus, List.of(domain)));
                assertTrue(e.getMessage().contains("test bridge " + bridge + " had ipv4.nat=(unset)"), e.getMessage());
                assertFalse(incus.networks().find(null, bridge).isPresent(), "the bridge is removed before failing");
            } finally {
                if (incus.networks().find(null, bridge).isPresent()) {
                    incus.networks().delete(null, bridge);
                }
            }
        }
    }
}
