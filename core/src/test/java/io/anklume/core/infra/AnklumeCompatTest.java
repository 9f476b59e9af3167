package io.anklume.core.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.net.AddressPlan;
import io.anklume.core.net.DomainAddressing;
import io.anklume.core.net.HostNetworks;
import io.anklume.core.plan.DesiredState;
import io.anklume.core.plan.DesiredStateBuilder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each construct found in anklume's own example and lab files, reproduced in a small file of ours
 * (src/test/resources/anklume-compat). The expected addresses are worked out by hand from anklume's
 * generator (zone = zone_base + trust offset, domains of one trust level sorted by name after the
 * explicit subnet_ids, machines from .1 in file order; legacy mode: base_subnet.subnet_id and only
 * written IPs).
 */
class AnklumeCompatTest {

    static InfraFiles.Loaded load(String name) {
        try {
            Path file = Path.of(AnklumeCompatTest.class.getResource("/anklume-compat/" + name).toURI());
            return InfraFiles.load(file, HostNetworks.none());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static InfraFiles.Loaded loadsWithoutErrors(String name) {
        InfraFiles.Loaded loaded = load(name);
        assertFalse(loaded.hasErrors(), () -> all(loaded));
        return loaded;
    }

    static String all(InfraFiles.Loaded loaded) {
        return loaded.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    /** domain → "subnet gateway bridge", sorted, for one readable comparison. */
    static Map<String, String> subnets(AddressPlan plan) {
        Map<String, String> out = new TreeMap<>();
        for (DomainAddressing a : plan.domains().values()) {
            out.put(a.domain(), a.subnet() + " " + a.gateway() + " " + a.bridge());
        }
        return out;
    }

    @Test
    void legacyModeUsesBaseSubnetAndSubnetIdAndOnlyWrittenIps() {
        InfraFiles.Loaded loaded = loadsWithoutErrors("legacy-fixed.yml");
        assertEquals(Map.of(
                "office", "10.100.0.0/24 10.100.0.254 net-office",
                "models", "10.100.4.0/24 10.100.4.254 net-models"), subnets(loaded.addresses()));
        assertEquals(Map.of("office-ctl", "10.100.0.10", "models-llm", "10.100.4.10", "models-chat", "10.100.4.20"),
                loaded.addresses().machineIps());
        assertNull(loaded.addresses().machineIps().get("models-tmp"), "legacy mode allocates nothing");
    }

    @Test
    void legacyModeWithAnotherBaseSubnet() {
        String yaml = "project_name: p\nglobal:\n  base_subnet: \"192.168\"\ndomains:\n  admin:\n    subnet_id: 0\n"
                + "    machines:\n      ctl:\n        ip: \"192.168.0.10\"\n  work:\n    subnet_id: 1\n"
                + "    machines:\n      desk:\n        ip: \"192.168.1.10\"\n";
        InfraFiles.Loaded loaded = InfraFiles.parse("infra.yml", yaml, HostNetworks.none());
        assertFalse(loaded.hasErrors(), () -> all(loaded));
        assertEquals("192.168.1.0/24 192.168.1.254 net-work", subnets(loaded.addresses()).get("work"));
    }

    @Test
    void ephemeralDecidesDeleteProtectionAsAnklumeDoes() {
        InfraFiles.Loaded loaded = loadsWithoutErrors("legacy-fixed.yml");
        DesiredState state = DesiredStateBuilder.build(loaded.infra(), loaded.addresses());
        Map<String, String> protection = new TreeMap<>();
        state.domains().forEach(d -> d.instances().forEach(i ->
                protection.put(i.name(), i.config().getOrDefault("security.protection.delete", "-"))));
        // office is not ephemeral; models is, except models-chat which says ephemeral: false itself.
        assertEquals(Map.of("office-ctl", "true", "models-llm", "-", "models-chat", "true", "models-tmp", "-"), protection);
    }

    @Test
    void zoneModeSortsByNameReservesExplicitIdsAndKeepsDisabledNumbers() {
        InfraFiles.Loaded loaded = loadsWithoutErrors("zones-auto.yml");
        assertEquals(Map.of(
                "ops", "10.100.0.0/24 10.100.0.254 net-ops",
                "home", "10.110.0.0/24 10.110.0.254 net-home",
                "work", "10.110.1.0/24 10.110.1.254 net-work",
                "lab-c", "10.120.0.0/24 10.120.0.254 net-lab-c",
                // lab-a (disabled) keeps 10.120.1.0/24 reserved
                "lab-b", "10.120.2.0/24 10.120.2.254 net-lab-b",
                "tor", "10.140.0.0/24 10.140.0.254 net-tor",
                "scratch", "10.150.0.0/24 10.150.0.254 net-scratch"), subnets(loaded.addresses()));
        Map<String, String> expected = new TreeMap<>(Map.of(
                "ops-ctl", "10.100.0.1", "home-pc", "10.110.0.1", "work-dev", "10.110.1.1", "work-gpu", "10.110.1.2",
                "c-one", "10.120.0.1", "b-one", "10.120.2.2", "b-two", "10.120.2.1", "b-three", "10.120.2.3",
                "tor-gw", "10.140.0.1", "scratch-1", "10.150.0.1"));
        assertEquals(expected, new TreeMap<>(loaded.addresses().machineIps()));
    }

    @Test
    void zoneModeDefaultsAndPolicyForms() {
        InfraFiles.Loaded loaded = loadsWithoutErrors("zones-auto.yml");
        Infra infra = loaded.infra();
        assertEquals(TrustLevel.SEMI_TRUSTED, infra.domain("lab-b").orElseThrow().trustLevel());
        assertTrue(loaded.problems().stream().anyMatch(p -> !p.isError() && p.message().contains("GPU policy is 'shared'")));
        NetworkPolicy both = infra.networkPolicies().get(0);
        assertTrue(both.allPorts() && both.bidirectional());
        assertEquals(List.of(22), infra.networkPolicies().get(1).ports());
        assertEquals(NetworkPolicy.HOST, infra.networkPolicies().get(1).to());
        assertEquals(NetworkPolicy.Protocol.UDP, infra.networkPolicies().get(2).protocol());
        DesiredState.InstanceState b3 = DesiredStateBuilder.build(infra, loaded.addresses()).domains().stream()
                .flatMap(d -> d.instances().stream()).filter(i -> i.name().equals("b-three")).findFirst().orElseThrow();
        assertEquals("true", b3.config().get("boot.autostart"));
        assertEquals("50", b3.config().get("boot.autostart.priority"));
        assertEquals("0 2 * * *", b3.config().get("snapshots.schedule"));
        assertEquals("30d", b3.config().get("snapshots.expiry"));
    }

    @Test
    void longDomainNamesLoadWithAShortenedBridge() {
        InfraFiles.Loaded loaded = loadsWithoutErrors("long-names.yml");
        Map<String, String> subnets = subnets(loaded.addresses());
        assertTrue(subnets.get("print-service").startsWith("10.110.0.0/24 10.110.0.254 net-print-s"), subnets::toString);
        assertTrue(subnets.get("pro").equals("10.110.1.0/24 10.110.1.254 net-pro"), subnets::toString);
        assertTrue(subnets.get("corp-sandbox").startsWith("10.150.0.0/24 10.150.0.254 net-corp-sa"), subnets::toString);
        for (Domain d : loaded.infra().domains()) {
            assertTrue(d.bridge().length() <= Domain.MAX_INTERFACE_NAME, d.bridge());
            assertTrue(d.bridge().startsWith("net-"), d.bridge());
        }
        String bridge = loaded.infra().domain("print-service").orElseThrow().bridge();
        assertEquals(bridge, load("long-names.yml").infra().domain("print-service").orElseThrow().bridge(), "stable");
        assertNotEquals(bridge, loaded.infra().domain("corp-sandbox").orElseThrow().bridge());
        assertTrue(all(loaded).contains("long-names.yml:10:3 domains.print-service: warning: domain name 'print-service' "
                + "is 13 characters; net-print-service does not fit"), () -> all(loaded));
    }

    @Test
    void anklumeOnlyKeysAreAcceptedWithAWarning() {
        InfraFiles.Loaded loaded = loadsWithoutErrors("anklume-extras.yml");
        String text = all(loaded);
        for (String path : List.of("global.ai_vram_flush", "global.shared_volumes_base", "global.persistent_data_base",
                "domains.pro.openclaw", "domains.pro.ai_provider", "domains.pro.ai_sanitize",
                "domains.pro.machines.pro-dev.services", "shared_volumes")) {
            assertTrue(text.contains(" " + path + ": warning: accepted for anklume compatibility"), () -> path + " in\n" + text);
        }
    }

    @Test
    void valuesAnklumeRefusesAreRefusedWithTheirPosition() {
        InfraFiles.Loaded loaded = load("bad-anklume-values.yml");
        String text = all(loaded);
        for (String expected : List.of(
                "bad-anklume-values.yml:8:18 global.ai_vram_flush: expected true or false",
                "bad-anklume-values.yml:9:24 global.shared_volumes_base: must be an absolute path",
                "bad-anklume-values.yml:13:18 domains.pro.ai_provider: must be one of local, cloud, local-first",
                "bad-anklume-values.yml:14:18 domains.pro.ai_sanitize: must be true, false or 'always'")) {
            assertTrue(text.contains(expected), () -> expected + " in\n" + text);
        }
    }

    @Test
    void anotherToolsFileIsRefusedWithPositions() {
        InfraFiles.Loaded loaded = load("not-an-infra.yml");
        assertTrue(loaded.hasErrors());
        String text = all(loaded);
        for (String expected : List.of("not-an-infra.yml:2:1 boot_media: unknown key 'boot_media'",
                "project_name: missing required key 'project_name'",
                "not-an-infra.yml:6:3 domains: expected a mapping (key: value lines), got a list")) {
            assertTrue(text.contains(expected), () -> expected + " in\n" + text);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(AnklumeCompatTest.class.getResource("/anklume-compat/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anInfraDirectoryIsMergedAsAnklumesGeneratorMergesIt() {
        InfraFiles.Loaded loaded = InfraFiles.load(resource("split"), HostNetworks.none());
        assertFalse(loaded.hasErrors(), () -> all(loaded));
        assertEquals("split-shop", loaded.infra().projectName());
        assertEquals(List.of("office", "work", "home"), loaded.infra().domains().stream().map(Domain::name).toList());
        assertEquals(Map.of(
                "office", "10.100.0.0/24 10.100.0.254 net-office",
                "home", "10.110.0.0/24 10.110.0.254 net-home",
                "work", "10.110.1.0/24 10.110.1.254 net-work"), subnets(loaded.addresses()));
        assertEquals("10.110.1.1", loaded.addresses().machineIps().get("work-dev"));
        assertEquals("10.110.1.50", loaded.addresses().machineIps().get("work-db"));
        assertEquals(1, loaded.infra().networkPolicies().size());
        // "infra.yml" that does not exist beside an "infra" directory reads the directory, as anklume does.
        InfraFiles.Loaded byName = InfraFiles.load(resource("split").resolveSibling("split.yml"), HostNetworks.none());
        assertFalse(byName.hasErrors(), () -> all(byName));
    }

    @Test
    void problemsInAnInfraDirectoryNameTheirOwnFile() {
        InfraFiles.Loaded loaded = InfraFiles.load(resource("split-bad"), HostNetworks.none());
        String text = all(loaded);
        String dir = resource("split-bad").toString();
        for (String expected : List.of(
                dir + "/domains/work.yml:6:11 domains.work.machines.work-db.ip: 10.99.0.50 is not in subnet 10.110.0.0/24",
                dir + "/domains/work.yml:7:22 domains.work.machines.work-db.boot_priority: must be an integer 0-100",
                dir + "/domains/zz-override.yml:1:1 domains.home: warning: domain 'home' replaces its definition in "
                        + dir + "/domains/work.yml",
                dir + "/domains/zz-override.yml:2:16 domains.home.trust_level: 'trsted' is not a trust level",
                dir + "/policies.yml:7:9 network_policies[1].to: 'nowhere' is not a known domain")) {
            assertTrue(text.contains(expected), () -> expected + " in\n" + text);
        }
    }

    @Test
    void anklume2ProjectDirectoriesAreNamedNotMisread() {
        InfraFiles.Loaded loaded = InfraFiles.load(resource("split-v2"), HostNetworks.none());
        assertTrue(loaded.hasErrors());
        assertTrue(all(loaded).contains("this is an anklume 2 project directory"), () -> all(loaded));
    }

    @Test
    void exclusiveAiAccessGetsAnklumesAutoCreatedPolicy() {
        String head = "project_name: p\nglobal:\n  addressing: {base_octet: 10, zone_base: 100}\n"
                + "  ai_access_policy: exclusive\n  ai_access_default: pro\ndomains:\n  pro: {}\n  ai-tools: {}\n";
        InfraFiles.Loaded loaded = InfraFiles.parse("infra.yml", head, HostNetworks.none());
        assertFalse(loaded.hasErrors(), () -> all(loaded));
        assertEquals(List.of(new NetworkPolicy("AI access: pro -> ai-tools (auto-created)", "pro", "ai-tools", List.of(),
                true, NetworkPolicy.Protocol.TCP, true)), loaded.infra().networkPolicies());
        InfraFiles.Loaded given = InfraFiles.parse("infra.yml", head
                + "network_policies:\n  - {from: pro, to: ai-tools, ports: [11434]}\n", HostNetworks.none());
        assertEquals(List.of(11434), given.infra().networkPolicies().get(0).ports());
        assertEquals(1, given.infra().networkPolicies().size(), "the file's own policy is kept alone");
    }
}
