package io.anklume.core.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.Infra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real packets between three domains on the lab, with the real nft: open before, blocked after, a
 * policy opens exactly its port and direction, the same domain stays open, removal restores the start,
 * and a broken rule changes nothing.
 */
class NftIsolationIT {
    static IsolationLab lab;
    static HostFirewall firewall = new HostFirewall(new ProcessNftRunner(), false);
    static String a1;
    static String a2;
    static String b1;
    static String c1;

    @BeforeAll
    static void up() throws Exception {
        assertEquals("1", Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip(),
                "host forwarding must be on (scripts/lab.sh sets net.ipv4.ip_forward=1)");
        assertTrue(firewall.loaded().isEmpty(), "a table inet anklume is already loaded; refusing to replace it");
        lab = new IsolationLab();
        a1 = "a1-" + IsolationLab.random(4);
        a2 = "a2-" + IsolationLab.random(4);
        b1 = "b1-" + IsolationLab.random(4);
        c1 = "c1-" + IsolationLab.random(4);
        lab.launch(a1, lab.a());
        lab.launch(a2, lab.a());
        lab.launch(b1, lab.b());
        lab.launch(c1, lab.c());
    }

    @AfterAll
    static void down() {
        try {
            firewall.remove();
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
        assertTrue(firewall.loaded().isEmpty(), "table inet anklume left loaded");
    }

    Infra infra(boolean bidirectional) {
        return lab.infra("host", Map.of(lab.a(), List.of(a1, a2), lab.b(), List.of(b1), lab.c(), List.of(c1)),
                "  - {description: A to C web, from: " + lab.a() + ", to: " + lab.c()
                        + ", ports: [8080], protocol: tcp, bidirectional: " + bidirectional + "}\n");
    }

    @Test
    void domainsAreIsolatedExceptWhatAPolicyOpens() {
        assertTrue(lab.ping(a1, b1), "before deploy A pings B");
        assertTrue(lab.tcp(a1, b1, 8080), "before deploy A reaches B over TCP");
        assertTrue(lab.tcp(c1, a1, 8080), "before deploy C reaches A over TCP");
        try {
            NftRuleset oneWay = NftRuleset.generate(infra(false), lab.addresses());
            HostFirewall.Deployment first = firewall.deploy(oneWay);
            assertTrue(first.previous().isEmpty());
            assertFalse(firewall.drift(oneWay).differs(), () -> String.join("\n", firewall.drift(oneWay).lines()));

            assertFalse(lab.ping(a1, b1), "after deploy A cannot ping B");
            assertFalse(lab.tcp(a1, b1, 8080), "after deploy A cannot reach B over TCP");
            assertFalse(lab.tcp(b1, a1, 8080), "nor B reach A");
            assertTrue(lab.tcp(a1, c1, 8080), "the policy opens A -> C tcp/8080");
            assertFalse(lab.tcp(a1, c1, 8081), "but not 8081");
            assertFalse(lab.ping(a1, c1), "nor ICMP");
            assertFalse(lab.tcp(c1, a1, 8080), "nor C -> A, the policy is one way");
            assertTrue(lab.ping(a1, a2), "inside domain A ping still works");
            assertTrue(lab.tcp(a2, a1, 8081), "inside domain A TCP still works");
            assertTrue(dropped(lab.a(), lab.b()) > 0, "the A -> B drop counter counted the blocked packets");
            IsolationReport report = new Isolation(firewall, null).report(infra(false), lab.addresses());
            assertTrue(report.inPlace(), report.enforcement());
            assertEquals(dropped(lab.a(), lab.b()), report.dropped(lab.a(), lab.b()));
            assertEquals(List.of(1), report.matrix().allowedBy(lab.a(), lab.c()).stream().map(Flow::policyIndex).toList());

            NftRuleset bothWays = NftRuleset.generate(infra(true), lab.addresses());
            NftDrift drift = firewall.drift(bothWays);
            assertTrue(drift.differs());
            assertTrue(drift.changes().stream().anyMatch(l -> l.startsWith("+ ") && l.contains("(reverse)")), drift.changes().toString());
            assertFalse(new Isolation(firewall, null).report(infra(true), lab.addresses()).inPlace(), "the report sees the drift");
            HostFirewall.Deployment second = firewall.deploy(bothWays);
            assertTrue(second.previous().orElseThrow().contains("A to C web"));
            assertTrue(lab.tcp(c1, a1, 8080), "bidirectional opens C -> A tcp/8080");
            assertFalse(lab.tcp(c1, a1, 8081), "and only that port");
            assertTrue(lab.tcp(a1, c1, 8080));
            assertFalse(lab.tcp(a1, b1, 8080), "B stays closed");
        } finally {
            firewall.remove();
        }
        assertTrue(firewall.loaded().isEmpty());
        assertTrue(lab.ping(a1, b1), "after removal A pings B again");
        assertTrue(lab.tcp(a1, b1, 8080), "and reaches it over TCP");
        assertTrue(lab.tcp(c1, a1, 8081));
    }

    @Test
    void aBrokenRuleIsRefusedAndLeavesTheLoadedTableByteForByte() {
        NftRuleset good = NftRuleset.generate(infra(false), lab.addresses());
        try {
            firewall.deploy(good);
            String before = firewall.loaded().orElseThrow();
            NftRuleset broken = new NftRuleset(good.table().replace("\t}\n}\n", "\t\tiifname \"net-x\" jump nowhere\n\t}\n}\n"));
            IsolationException check = assertThrows(IsolationException.class, () -> firewall.check(broken));
            assertTrue(check.getMessage().contains("nowhere"), check.getMessage());
            assertThrows(IsolationException.class, () -> firewall.deploy(broken));
            assertEquals(before, firewall.loaded().orElseThrow(), "a refused deploy changes nothing");

            // Even without the check, nft -f applies the transaction whole or not at all.
            Path file = Files.createTempFile("anklume-broken-", ".nft");
            try {
                Files.writeString(file, broken.transaction());
                NftRunner.Result r = new ProcessNftRunner().run(List.of("-f", file.toString()));
                assertFalse(r.ok());
            } finally {
                Files.delete(file);
            }
            assertEquals(before, firewall.loaded().orElseThrow(), "a failed nft -f changes nothing either");
            assertTrue(new ProcessNftRunner().run(List.of("list", "table", "inet", "incus")).ok(), "Incus's table is untouched");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            firewall.remove();
        }
    }

    /** The packets counted by the drop rule of a pair. */
    static long dropped(String from, String to) {
        Optional<String> loaded = firewall.loaded();
        Matcher m = Pattern.compile("counter packets (\\d+) bytes \\d+ drop comment \""
                + Pattern.quote(NftRuleset.dropComment(from, to)) + "\"").matcher(loaded.orElse(""));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
