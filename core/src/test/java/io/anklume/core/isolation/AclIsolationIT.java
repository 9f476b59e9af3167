package io.anklume.core.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.Infra;
import io.anklume.incus.model.Network;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same matrix as {@link NftIsolationIT} with {@code firewall_mode: acl}: Incus network ACLs, no host table. */
class AclIsolationIT {
    static IsolationLab lab;
    static AclFirewall acls;
    static HostFirewall host = new HostFirewall(new ProcessNftRunner(), false);
    static String a1;
    static String a2;
    static String b1;
    static String c1;

    @BeforeAll
    static void up() {
        lab = new IsolationLab();
        acls = new AclFirewall(lab.lab.client(), false);
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
        if (lab != null) {
            lab.close();
        }
    }

    Infra infra(boolean bidirectional) {
        return lab.infra("acl", Map.of(lab.a(), List.of(a1, a2), lab.b(), List.of(b1), lab.c(), List.of(c1)),
                "  - {description: A to C web, from: " + lab.a() + ", to: " + lab.c()
                        + ", ports: [8080], protocol: tcp, bidirectional: " + bidirectional + "}\n");
    }

    Predicate<String> ours() {
        return name -> lab.domains.stream().anyMatch(d -> name.equals(AclRules.name(d)));
    }

    @Test
    void domainsAreIsolatedByIncusAclsExceptWhatAPolicyOpens() {
        assertTrue(lab.ping(a1, b1), "before: A pings B");
        assertTrue(lab.tcp(a1, b1, 8080), "before: A reaches B over TCP");
        assertTrue(lab.tcp(c1, a1, 8080), "before: C reaches A");
        Isolation isolation = new Isolation(host, acls);
        try {
            IsolationReport before = isolation.report(infra(false), lab.addresses());
            assertFalse(before.inPlace(), before.enforcement());
            assertTrue(before.enforcement().contains("differ from the file: 6 changes pending"), before.enforcement());
            List<String> changes = isolation.enforce(infra(false), lab.addresses());
            IsolationReport after = isolation.report(infra(false), lab.addresses());
            assertTrue(after.inPlace() && after.enforcement().contains("match the file"), after.enforcement());
            assertEquals(6, changes.size(), changes.toString());
            assertTrue(host.loaded().isEmpty(), "ACL mode loads no host table");
            Network bridge = lab.lab.client().networks().find(null, "net-" + lab.b()).orElseThrow();
            assertEquals(AclRules.name(lab.b()), bridge.config().get("security.acls"));
            assertEquals("drop", bridge.config().get("security.acls.default.ingress.action"));

            assertFalse(lab.ping(a1, b1), "A cannot ping B");
            assertFalse(lab.tcp(a1, b1, 8080), "A cannot reach B over TCP");
            assertFalse(lab.tcp(b1, a1, 8080), "nor B reach A");
            assertTrue(lab.tcp(a1, c1, 8080), "the policy opens A -> C tcp/8080");
            assertFalse(lab.tcp(a1, c1, 8081), "but not 8081");
            assertFalse(lab.tcp(c1, a1, 8080), "nor C -> A");
            assertTrue(lab.ping(a1, a2), "inside A ping works");
            assertTrue(lab.tcp(a2, a1, 8081), "inside A TCP works");
            assertEquals(List.of(), isolation.enforce(infra(false), lab.addresses()), "enforcing again changes nothing");

            IsolationReport drifted = isolation.report(infra(true), lab.addresses());
            assertTrue(!drifted.inPlace() && drifted.enforcement().contains("1 change pending (~ update ACL "),
                    drifted.enforcement());
            List<String> again = isolation.enforce(infra(true), lab.addresses());
            assertEquals(List.of("~ update ACL " + AclRules.name(lab.a()) + " (2 ingress rules)"), again);
            assertTrue(lab.tcp(c1, a1, 8080), "bidirectional opens C -> A tcp/8080");
            assertFalse(lab.tcp(c1, a1, 8081), "only that port");
            assertFalse(lab.tcp(a1, b1, 8080), "B stays closed");
        } finally {
            acls.remove(ours());
        }
        Network bridge = lab.lab.client().networks().find(null, "net-" + lab.b()).orElseThrow();
        assertFalse(bridge.config().containsKey("security.acls"), bridge.config().toString());
        assertTrue(lab.lab.client().networkAcls().list(null).stream().noneMatch(a -> ours().test(a.name())));
        assertTrue(lab.ping(a1, b1), "after removal A pings B again");
        assertTrue(lab.tcp(a1, b1, 8080), "and reaches it over TCP");
        assertTrue(lab.tcp(c1, a1, 8081));
    }
}
