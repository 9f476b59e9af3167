package io.anklume.core.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.net.HostNetworks;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each rule with a failing and a passing case. */
class ValidatorTest {
    static final String HEAD = "project_name: t\nglobal:\n  addressing: {base_octet: 10, zone_base: 100}\n";

    static List<Problem> problems(String yaml) {
        return InfraFiles.parse("infra.yml", yaml, HostNetworks.none()).problems();
    }

    static String errors(String yaml) {
        return problems(yaml).stream().filter(Problem::isError).map(Problem::toString).collect(Collectors.joining("\n"));
    }

    static void fails(String yaml, String expected) {
        String e = errors(yaml);
        assertTrue(e.contains(expected), () -> "expected '" + expected + "' in:\n" + e);
    }

    static void passes(String yaml) {
        assertEquals("", errors(yaml));
    }

    @Test
    void namesAreLowercaseWithInnerHyphens() {
        fails(HEAD + "domains:\n  Pro:\n    machines: {}\n", "'Pro' is not a valid domain name");
        fails(HEAD + "domains:\n  pro:\n    machines:\n      dev-: {}\n", "'dev-' is not a valid machine name");
        fails(HEAD + "domains:\n  pro:\n    profiles:\n      Big: {}\n", "'Big' is not a valid profile name");
        passes(HEAD + "domains:\n  pro-2:\n    machines:\n      dev-1: {}\n");
    }

    @Test
    void machineNamesAreUniqueAcrossDomains() {
        fails(HEAD + "domains:\n  a:\n    machines:\n      m: {}\n  b:\n    machines:\n      m: {}\n",
                "infra.yml:10:7 domains.b.machines.m: machine 'm' is already defined in domain 'a'");
        passes(HEAD + "domains:\n  a:\n    machines:\n      m1: {}\n  b:\n    machines:\n      m2: {}\n");
    }

    @Test
    void domainNamesFitTheBridgeName() {
        // anklume accepts longer names; the bridge is shortened (with a warning) instead of refusing the file.
        passes(HEAD + "domains:\n  abcdefghijkl: {}\n");
        assertTrue(problems(HEAD + "domains:\n  abcdefghijkl: {}\n").stream().anyMatch(p -> !p.isError()
                && p.message().contains("its bridge is net-abcdefg")));
        passes(HEAD + "domains:\n  abcdefghijk: {}\n");
        assertTrue(problems(HEAD + "domains:\n  abcdefghijk: {}\n").isEmpty());
    }

    @Test
    void trustLevelsAreTheFiveKnownOnes() {
        fails(HEAD + "domains:\n  a:\n    trust_level: trustd\n", "(did you mean 'trusted'?)");
        passes(HEAD + "domains:\n  a:\n    trust_level: disposable\n");
    }

    @Test
    void subnetIdsAreInRangeAndUniquePerZone() {
        fails(HEAD + "domains:\n  a:\n    subnet_id: 300\n", "domains.a.subnet_id: must be 0-254, got 300");
        fails(HEAD + "domains:\n  a:\n    subnet_id: 3\n  b:\n    subnet_id: 3\n", "subnet_id 3 is already used by domain 'a' in trust zone semi-trusted");
        passes(HEAD + "domains:\n  a:\n    subnet_id: 3\n  b:\n    subnet_id: 3\n    trust_level: trusted\n");
    }

    @Test
    void legacyModeNeedsASubnetIdPerDomain() {
        String legacy = "project_name: t\nglobal:\n  base_subnet: \"10.100\"\ndomains:\n";
        fails(legacy + "  a:\n    machines: {}\n", "domains.a: missing subnet_id");
        fails(legacy + "  a:\n    subnet_id: 1\n    machines:\n      m:\n        ip: 10.100.2.5\n", "10.100.2.5 is not in subnet 10.100.1.0/24");
        passes(legacy + "  a:\n    subnet_id: 1\n    machines:\n      m:\n        ip: 10.100.1.5\n");
    }

    @Test
    void staticIpsAreInsideTheirSubnetUniqueAndNotReserved() {
        fails(HEAD + "domains:\n  a:\n    machines:\n      m:\n        ip: 10.120.0.300\n", "'10.120.0.300' is not an IPv4 address");
        fails(HEAD + "domains:\n  a:\n    machines:\n      m:\n        ip: 10.120.0.5\n      n:\n        ip: 10.120.0.5\n",
                "10.120.0.5 is already used by machine 'm'");
        fails(HEAD + "domains:\n  a:\n    machines:\n      m:\n        ip: 10.120.0.254\n", "is the gateway address");
        List<Problem> dhcp = problems(HEAD + "domains:\n  a:\n    machines:\n      m:\n        ip: 10.120.0.120\n");
        assertTrue(dhcp.stream().anyMatch(p -> !p.isError() && p.message().contains("DHCP range")), dhcp.toString());
        passes(HEAD + "domains:\n  a:\n    machines:\n      m:\n        ip: 10.120.0.5\n");
    }

    @Test
    void subnetsMustNotOverlapTheHostsNetworks() {
        String yaml = HEAD + "domains:\n  a:\n    trust_level: trusted\n";
        List<Problem> p = InfraFiles.parse("infra.yml", yaml,
                new HostNetworks(List.of(new HostNetworks.Entry("eth0", "10.110.0.0/16")))).problems();
        assertTrue(p.stream().anyMatch(x -> x.isError() && x.message().contains("overlaps the host's network 10.110.0.0/16 on eth0")),
                p.toString());
        assertFalse(InfraFiles.parse("infra.yml", yaml,
                new HostNetworks(List.of(new HostNetworks.Entry("eth0", "192.168.1.0/24")))).hasErrors());
    }

    @Test
    void gpuPolicy() {
        String two = "domains:\n  a:\n    machines:\n      g1:\n        gpu: true\n      g2:\n        gpu: true\n";
        fails(HEAD + two, "GPU policy is 'exclusive' but 2 instances have GPU access: g1, g2");
        List<Problem> shared = problems(HEAD + "  gpu_policy: shared\n" + two);
        assertTrue(shared.stream().noneMatch(Problem::isError) && shared.stream().anyMatch(p -> p.message().contains("shared")));
        fails(HEAD + "domains:\n  a:\n    profiles:\n      gp:\n        devices:\n          g:\n            type: gpu\n"
                + "    machines:\n      g1:\n        gpu: true\n      g2:\n        profiles: [gp]\n", "2 instances have GPU access: g1, g2");
    }

    @Test
    void snapshotScheduleAndExpiry() {
        fails(HEAD + "domains:\n  a:\n    machines:\n      m:\n        snapshots_schedule: \"61 * * * *\"\n",
                "'61' is not a valid minute (0-59)");
        fails(HEAD + "domains:\n  a:\n    machines:\n      m:\n        snapshots_schedule: \"@daily\"\n", "not a 5-field cron");
        fails(HEAD + "domains:\n  a:\n    machines:\n      m:\n        snapshots_expiry: 2w\n", "got '2w'");
        passes(HEAD + "domains:\n  a:\n    machines:\n      m:\n        snapshots_schedule: \"*/15 2-4 1,15 JAN-jun mon-fri\"\n"
                + "        snapshots_expiry: 30d\n");
    }

    @Test
    void bootPriorityAndWeight() {
        fails(HEAD + "domains:\n  a:\n    machines:\n      m:\n        boot_priority: -1\n", "must be an integer 0-100, got -1");
        fails(HEAD + "domains:\n  a:\n    machines:\n      m:\n        weight: 0\n", "must be a positive integer, got 0");
        fails(HEAD + "domains:\n  a:\n    machines:\n      m:\n        boot_priority: high\n", "expected a whole number, got text 'high'");
        passes(HEAD + "domains:\n  a:\n    machines:\n      m:\n        boot_priority: 100\n        weight: 3\n");
    }

    @Test
    void policiesReferToKnownEndpoints() {
        String domains = "domains:\n  a:\n    machines:\n      m: {}\n  b: {}\n";
        fails(HEAD + domains + "network_policies:\n  - from: a\n    to: bb\n", "'bb' is not a known domain, machine, or 'host' (did you mean 'b'?)");
        fails(HEAD + domains + "network_policies:\n  - from: a\n", "network_policies[0].to: missing 'to'");
        fails(HEAD + domains + "network_policies:\n  - from: a\n    to: b\n    ports: \"80\"\n", "must be a list of ports or 'all'");
        passes(HEAD + domains + "network_policies:\n  - from: m\n    to: host\n    ports: all\n  - from: a\n    to: b\n"
                + "    ports: [53]\n    protocol: udp\n    bidirectional: true\n");
    }

    @Test
    void profilesUsedByMachinesExist() {
        fails(HEAD + "domains:\n  a:\n    profiles:\n      nesting: {}\n    machines:\n      m:\n        profiles: [default, nestin]\n",
                "profile 'nestin' is not defined in domain 'a' (did you mean 'nesting'?)");
        passes(HEAD + "domains:\n  a:\n    profiles:\n      nesting: {}\n    machines:\n      m:\n        profiles: [default, nesting]\n");
    }

    @Test
    void addressingSettings() {
        fails("project_name: t\nglobal:\n  addressing: {base_octet: 192, zone_base: 100}\ndomains: {}\n", "must be 10");
        fails("project_name: t\nglobal:\n  addressing: {base_octet: 10, zone_base: 246}\ndomains: {}\n", "must be 0-245");
        passes("project_name: t\nglobal:\n  addressing: {base_octet: 10, zone_base: 230}\ndomains:\n  a:\n"
                + "    trust_level: trusted\n");
        fails("project_name: t\nglobal:\n  addressing: {base_octet: 10, zone_base: 230}\ndomains:\n  a:\n"
                + "    trust_level: untrusted\n", "subnet 10.270.0.0/24 is not a valid IPv4 network");
        fails(HEAD + "  firewall_mode: vm\ndomains:\n  a: {}\n", "needs a domain named 'anklume'");
        passes(HEAD + "  firewall_mode: vm\ndomains:\n  a:\n    machines:\n      sys-firewall:\n        type: vm\n");
        fails(HEAD + "  firewall_mode: cloud\ndomains: {}\n", "must be one of host, vm, acl, got 'cloud'");
    }

    @Test
    void resourcePolicyFields() {
        fails(HEAD + "  resource_policy:\n    host_reserve:\n      cpu: \"150%\"\ndomains: {}\n", "percentage must be 1-99, got 150");
        fails(HEAD + "  resource_policy:\n    mode: greedy\ndomains: {}\n", "must be one of proportional, equal, got 'greedy'");
        fails(HEAD + "  resource_policy:\n    host_reserve:\n      memory: lots\ndomains: {}\n", "must be 'N%' or a positive amount like 4GiB");
        passes(HEAD + "  resource_policy: true\ndomains: {}\n");
        passes(HEAD + "  resource_policy:\n    host_reserve: {cpu: 2, memory: 4GiB}\n    cpu_mode: count\n    memory_enforce: hard\n"
                + "    overcommit: true\ndomains: {}\n");
    }

    @Test
    void exclusiveAiAccessNeedsItsDomains() {
        fails(HEAD + "  ai_access_policy: exclusive\ndomains:\n  pro: {}\n", "no 'ai-tools' domain exists");
        fails(HEAD + "  ai_access_policy: exclusive\ndomains:\n  pro: {}\n", "global.ai_access_default: required");
        passes(HEAD + "  ai_access_policy: exclusive\n  ai_access_default: pro\ndomains:\n  pro: {}\n  ai-tools: {}\n");
    }

    @Test
    void everyProblemIsReportedAtOnceSortedByPosition() {
        List<Problem> p = problems(HEAD + "domains:\n  Bad:\n    trust_level: nope\n    machines:\n      x-:\n        boot_priority: 500\n");
        assertTrue(p.size() >= 3, p.toString());
        for (int i = 1; i < p.size(); i++) {
            assertTrue(p.get(i - 1).position().line() <= p.get(i).position().line());
        }
    }
}
