package io.anklume.core.plan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.incus.model.Network;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only an explicit ipv4.nat=false passes the lab's network rule. */
class PlanLabTest {

    static Network bridge(Map<String, String> config) {
        return new Network("net-t-plabcde", "bridge", "", true, "Created", config, List.of(), "default");
    }

    @Test
    void aNatLessBridgeIsFine() {
        assertEquals(Optional.empty(), PlanLab.natProblem(bridge(Map.of("ipv4.nat", "false"))));
    }

    @Test
    void aNattingOrUnsaidBridgeIsNamedWithTheFix() {
        String natting = PlanLab.natProblem(bridge(Map.of("ipv4.nat", "true"))).orElseThrow();
        assertEquals("test bridge net-t-plabcde had ipv4.nat=true, but the test lab's bridges never NAT: "
                + "add 'nat: false' to the test's infra (global or the domain)", natting);
        assertTrue(PlanLab.natProblem(bridge(Map.of())).orElseThrow().contains("ipv4.nat=(unset)"));
    }
}
