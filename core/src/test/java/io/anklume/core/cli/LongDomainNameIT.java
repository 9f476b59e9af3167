package io.anklume.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.Domain;
import io.anklume.core.net.Addressing;
import io.anklume.core.plan.lab.PlanLab;
import io.anklume.incus.IncusClient;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.Network;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A domain name longer than 11 characters, as anklume's examples have: anklume would ask Incus for
 * the bridge net-&lt;domain&gt; (more than 15 characters, refused); anklume-tui applies it on the real
 * daemon with its shortened bridge, and the instance gets its planned address there.
 */
class LongDomainNameIT {
    @TempDir
    Path dir;

    @Test
    void aLongDomainIsAppliedOnAShortenedBridge() throws Exception {
        String domain = PlanLab.newDomainName() + "-long"; // t-pl + 5 + -long = 14 characters
        Domain model = new Domain(domain, "", true, null, null, false, Map.of(), List.of());
        String bridge = model.bridge();
        assertTrue(bridge.length() <= 15 && bridge.startsWith("net-t-pl"), bridge);
        try (IncusClient incus = PlanLab.connect()) {
            int zone = PlanLab.freeZone(incus, new HashSet<>());
            try {
                Path file = Files.writeString(dir.resolve("infra.yml"), """
                        project_name: long-it
                        global:
                          addressing: {base_octet: 10, zone_base: %d}
                          default_os_image: busybox
                          nat: false
                        domains:
                          %s:
                            trust_level: admin
                            ephemeral: true
                            machines:
                              %s-m1:
                                type: lxc
                        """.formatted(zone, domain, domain));
                Result validate = cli(incus, "validate", file.toString());
                assertEquals(0, validate.code, validate.all());
                assertTrue(validate.err.contains("its bridge is " + bridge), validate.all());

                Result apply = cli(incus, "apply", file.toString(), "--yes");
                mark(incus, domain, bridge);
                assertEquals(0, apply.code, apply.all());

                Network net = incus.networks().find(null, bridge).orElseThrow();
                assertEquals("10." + zone + ".0.254/24", net.config().get("ipv4.address"));
                assertFalse(incus.networks().find(null, "net-" + domain).isPresent());
                Instance i = incus.instances().get(domain, domain + "-m1");
                assertTrue(i.isRunning(), i.status());
                assertEquals(bridge, i.devices().get("eth0").get("network"));
                assertEquals("10." + zone + ".0.1", i.devices().get("eth0").get("ipv4.address"));

                Result again = cli(incus, "plan", file.toString());
                assertEquals(0, again.code, again.all());
                assertTrue(again.out.contains("No changes"), again.out);
            } finally {
                PlanLab.removeDomain(incus, domain);
                if (incus.networks().find(null, bridge).isPresent()) {
                    incus.networks().delete(null, bridge);
                }
            }
        }
    }

    /** IncusLab's marker, so a killed run's project and bridge are recognised as leftovers. */
    private static void mark(IncusClient incus, String domain, String bridge) {
        PlanLab.mark(incus, domain);
        String now = String.valueOf(Instant.now().getEpochSecond());
        incus.networks().find(null, bridge).filter(n -> !n.config().containsKey(IncusLab.MARKER))
                .ifPresent(n -> incus.networks().patch(null, n.name(), Map.of(IncusLab.MARKER, now)));
    }

    record Result(int code, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }

    private static Result cli(IncusClient incus, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment env = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new BufferedReader(new StringReader("")),
                DefaultInfraSource.INSTANCE::load, Addressing::allocate, () -> new Unclosable(incus), () -> false);
        int code = new Cli(env).run(List.of(args));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
