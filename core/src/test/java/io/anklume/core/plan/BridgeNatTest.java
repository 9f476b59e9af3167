package io.anklume.core.plan;

import static io.anklume.core.plan.Fixtures.addresses;
import static io.anklume.core.plan.Fixtures.converged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.Infra;
import io.anklume.core.infra.InfraLoader;
import io.anklume.core.infra.LoadResult;
import io.anklume.incus.model.Network;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** global.nat and a domain's nat decide each bridge's ipv4.nat; the planner owns the key. */
class BridgeNatTest {

    static Infra load(String global, String proExtra) {
        LoadResult r = InfraLoader.parse("infra.yml", """
                project_name: nat
                global:
                  addressing: {base_octet: 10, zone_base: 100}
                %s
                domains:
                  pro:
                    trust_level: trusted
                %s
                  perso:
                    trust_level: semi-trusted
                """.formatted(global, proExtra));
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        return r.infra();
    }

    static Map<String, String> natByBridge(Infra infra) {
        Map<String, String> out = new LinkedHashMap<>();
        DesiredStateBuilder.build(infra, addresses(infra)).domains()
                .forEach(d -> out.put(d.network().name(), d.network().config().get("ipv4.nat")));
        return out;
    }

    @Test
    void bridgesNatByDefaultLikeAnklume() {
        assertEquals(Map.of("net-pro", "true", "net-perso", "true"), natByBridge(load("", "")));
    }

    @Test
    void globalNatFalseTurnsItOffEverywhere() {
        assertEquals(Map.of("net-pro", "false", "net-perso", "false"), natByBridge(load("  nat: false", "")));
    }

    @Test
    void aDomainOverridesGlobalNatBothWays() {
        assertEquals(Map.of("net-pro", "false", "net-perso", "true"), natByBridge(load("", "    nat: false")));
        assertEquals(Map.of("net-pro", "true", "net-perso", "false"),
                natByBridge(load("  nat: false", "    nat: true")));
    }

    @Test
    void aBridgeWhoseNatWasChangedByHandIsSetBack() {
        Infra infra = load("", "    nat: false");
        DesiredState desired = DesiredStateBuilder.build(infra, addresses(infra));
        ObservedState observed = converged(desired);
        assertTrue(Differ.diff(desired, observed, PlanOptions.DEFAULT).isEmpty());

        flip(observed, "net-pro", "true");
        flip(observed, "net-perso", "false");

        assertEquals(List.of("~ update network net-pro ipv4.nat true → false",
                        "~ update network net-perso ipv4.nat false → true"),
                Differ.diff(desired, observed, PlanOptions.DEFAULT).diffLines());
    }

    private static void flip(ObservedState observed, String bridge, String value) {
        Network n = observed.networks().get(bridge);
        Map<String, String> config = new LinkedHashMap<>(n.config());
        config.put("ipv4.nat", value);
        observed.networks().put(bridge, new Network(n.name(), n.type(), n.description(), n.managed(), n.status(), config,
                n.usedBy(), n.project()));
    }
}
