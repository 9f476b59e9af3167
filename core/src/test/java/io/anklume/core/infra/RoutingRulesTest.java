package io.anklume.core.infra;

import static io.anklume.core.infra.ValidatorTest.fails;
import static io.anklume.core.infra.ValidatorTest.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.anklume.core.net.HostNetworks;
import java.util.List;
import org.junit.jupiter.api.Test;

/** global.routing, machine routes and ssh: what loads, and each rule with a failing and a passing case. */
class RoutingRulesTest {
    static final String HASH = "$2a$10$ow7UC86yXaSoZSr0mcGxeOYK9DfqsnKnA9RoKR.nxUUXVbXqOibgm";
    static final String HEAD = ValidatorTest.HEAD;

    static String machine(String body) {
        return HEAD + "domains:\n  pro:\n    machines:\n      web:\n" + body;
    }

    static Infra load(String yaml) {
        InfraFiles.Loaded loaded = InfraFiles.parse("infra.yml", yaml, HostNetworks.none());
        assertEquals(List.of(), loaded.problems());
        return loaded.infra();
    }

    @Test
    void filesWithoutRoutingLoadWithDefaults() {
        Infra infra = load(HEAD + "domains:\n  pro:\n    machines:\n      web: {}\n");
        assertEquals(Routing.DEFAULTS, infra.global().routing());
        assertEquals(List.of(), infra.machine("web").orElseThrow().routes());
        assertNull(infra.machine("web").orElseThrow().ssh());
    }

    @Test
    void routesRoutingAndSshLoad() {
        Infra infra = load("project_name: t\nglobal:\n  addressing: {base_octet: 10, zone_base: 100}\n"
                + "  routing:\n    caddy_admin: http://127.0.0.1:2999\n    server: edge\n    tls: off\n"
                + "    listen: \"127.0.0.1:8443\"\n    ssh_ports: \"22000-22999\"\n    ssh_listen: 127.0.0.1\n"
                + "domains:\n  pro:\n    machines:\n      web:\n        routes:\n"
                + "          - {host: app.example.test, port: 8080, auth: {user: alice, password_hash: \"" + HASH + "\"}}\n"
                + "          - host: www.example.test\n            port: 80\n"
                + "        ssh: {user: admin}\n      db:\n        ssh: {port: 22100}\n      api:\n        ssh: true\n");
        assertEquals(new Routing("http://127.0.0.1:2999", "edge", Routing.Tls.OFF, "127.0.0.1:8443",
                new Routing.PortRange(22000, 22999), "127.0.0.1"), infra.global().routing());
        Machine web = infra.machine("web").orElseThrow();
        assertEquals(List.of(new Route("app.example.test", 8080, new Route.Auth("alice", HASH)),
                new Route("www.example.test", 80, null)), web.routes());
        assertEquals(new SshAccess(null, "admin"), web.ssh());
        assertEquals(new SshAccess(22100, "root"), infra.machine("db").orElseThrow().ssh());
        assertEquals(new SshAccess(null, "root"), infra.machine("api").orElseThrow().ssh());
    }

    @Test
    void unknownKeysGetAHint() {
        fails(machine("        routes:\n          - {hots: a.test, port: 80}\n"),
                "infra.yml:9:14 domains.pro.machines.web.routes[0].hots: unknown key 'hots' (did you mean 'host'?)");
        fails(HEAD + "  routing: {caddy_admn: http://localhost:2019}\ndomains: {}\n", "(did you mean 'caddy_admin'?)");
        fails(machine("        ssh: {prot: 22}\n"), "(did you mean 'port'?)");
        fails(machine("        routes:\n          - {host: a.test, port: 80, auth: {user: a, pasword_hash: x}}\n"),
                "(did you mean 'password_hash'?)");
    }

    @Test
    void hostAndPortAreRequiredAndChecked() {
        fails(machine("        routes:\n          - {port: 80}\n"), "routes[0].host: missing 'host'");
        fails(machine("        routes:\n          - {host: App_.test, port: 80}\n"),
                "infra.yml:9:20 domains.pro.machines.web.routes[0].host: 'App_.test' is not a valid host name");
        fails(machine("        routes:\n          - {host: a.test, port: 70000}\n"), "port 70000 is not in 1-65535");
        fails(machine("        routes:\n          - {host: a.test, port: 0}\n"), "port 0 is not in 1-65535");
        fails(machine("        routes:\n          - {host: a.test, port: 80}\n          - {host: b.test, port: 80}\n"),
                "port 80 is already routed by routes[0]");
        passes(machine("        routes:\n          - {host: '*.a.test', port: 65535}\n"));
    }

    @Test
    void aHostHasOneOwnerAcrossMachines() {
        fails(HEAD + "domains:\n  a:\n    machines:\n      m1:\n        routes: [{host: x.test, port: 80}]\n"
                        + "  b:\n    machines:\n      m2:\n        routes: [{host: x.test, port: 81}]\n",
                "domains.b.machines.m2.routes[0].host: host x.test is already routed to machine 'm1'");
    }

    @Test
    void passwordsMustBeBcryptHashes() {
        fails(machine("        routes:\n          - {host: a.test, port: 80, auth: {user: a, password_hash: secret}}\n"),
                "routes[0].auth.password_hash: must be a bcrypt hash");
        fails(machine("        routes:\n          - {host: a.test, port: 80, auth: {user: a}}\n"),
                "missing 'password_hash'");
        fails(machine("        routes:\n          - {host: a.test, port: 80, auth: {user: 'a:b', password_hash: '"
                + HASH + "'}}\n"), "without ':'");
    }

    @Test
    void adminApiIsLoopbackOnly() {
        fails(HEAD + "  routing: {caddy_admin: \"http://10.0.0.5:2019\"}\ndomains: {}\n",
                "global.routing.caddy_admin: the Caddy admin API must be on loopback");
        fails(HEAD + "  routing: {caddy_admin: \"unix//run/caddy.sock\"}\ndomains: {}\n", "must be an http:// URL");
        fails(HEAD + "  routing: {tls: self}\ndomains: {}\n", "must be one of off, internal, acme");
        passes(HEAD + "  routing: {caddy_admin: \"http://[::1]:2019\", tls: acme}\ndomains: {}\n");
    }

    @Test
    void sshPortsAreRangesAndUnique() {
        fails(HEAD + "  routing: {ssh_ports: \"22000:22999\"}\ndomains: {}\n", "must be a port range like");
        fails(HEAD + "  routing: {ssh_ports: \"23000-22000\"}\ndomains: {}\n", "low end first");
        fails(machine("        ssh: true\n"), "no global.routing.ssh_ports range");
        fails(HEAD + "domains:\n  a:\n    machines:\n      m1:\n        ssh: {port: 2201}\n      m2:\n"
                + "        ssh: {port: 2201}\n", "ssh port 2201 is already used by machine 'm1'");
        fails(HEAD + "domains:\n  a:\n    machines:\n      1m:\n        ssh: {port: 2201}\n",
                "cannot be an sshpiper user name");
        fails(machine("        ssh: {port: 2201, user: Root}\n"), "'Root' is not a valid user name");
        passes(HEAD + "  routing: {ssh_ports: \"22000-22999\"}\ndomains:\n  a:\n    machines:\n      m1:\n        ssh: true\n");
    }
}
