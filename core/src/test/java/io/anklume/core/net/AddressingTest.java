package io.anklume.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.InfraFiles;
import io.anklume.core.infra.InfraLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AddressingTest {

    static AddressPlan plan(String yaml) {
        return Addressing.allocate(InfraLoader.parse("infra.yml", yaml).infra());
    }

    @Test
    void theFormatDocsExample() {
        AddressPlan p = plan("""
                project_name: t
                global: {addressing: {base_octet: 10, zone_base: 100}}
                domains:
                  work: {trust_level: trusted, machines: {w1: {}}}
                  home: {trust_level: trusted, machines: {h1: {}, h2: {ip: 10.110.0.1}, h3: {}}}
                """);
        assertEquals("10.110.0.0/24", p.domains().get("home").subnet());
        assertEquals("10.110.1.0/24", p.domains().get("work").subnet());
        assertEquals("10.110.0.254", p.domains().get("home").gateway());
        assertEquals("net-home", p.domains().get("home").bridge());
        assertEquals("10.110.1.1", p.machineIps().get("w1"));
        assertEquals("10.110.0.2", p.machineIps().get("h1"), ".1 is taken by h2's static address");
        assertEquals("10.110.0.3", p.machineIps().get("h3"));
    }

    @Test
    void explicitSubnetIdsAreReservedFirstAndDisabledDomainsKeepTheirNumber() {
        AddressPlan p = plan("""
                project_name: t
                global: {addressing: {base_octet: 10, zone_base: 100}}
                domains:
                  b: {subnet_id: 0}
                  a: {}
                  c: {enabled: false}
                  d: {}
                """);
        assertEquals("10.120.0.0/24", p.domains().get("b").subnet());
        assertEquals("10.120.1.0/24", p.domains().get("a").subnet());
        assertFalse(p.domains().containsKey("c"));
        assertEquals("10.120.3.0/24", p.domains().get("d").subnet(), "c keeps 2 while disabled");
    }

    @Test
    void workstationGolden() {
        AddressPlan p = InfraFiles.load(Path.of("..", "examples", "workstation", "infra.yml"), HostNetworks.none()).addresses();
        Map<String, String> subnets = new TreeMap<>();
        p.domains().forEach((k, v) -> subnets.put(k, v.subnet()));
        assertEquals(Map.of("admin", "10.100.0.0/24", "pro", "10.110.0.0/24", "homelab", "10.120.0.0/24",
                "perso", "10.120.1.0/24", "sandbox", "10.140.0.0/24", "disp", "10.150.0.0/24"), subnets);
        assertEquals("10.100.0.1", p.machineIps().get("admin-ctl"));
        assertEquals("10.110.0.1", p.machineIps().get("pro-dev"));
        assertEquals("10.110.0.2", p.machineIps().get("pro-llm"));
        assertEquals("10.120.1.10", p.machineIps().get("perso-desk"));
        assertEquals("10.120.0.1", p.machineIps().get("homelab-web"));
        assertEquals("10.120.0.2", p.machineIps().get("homelab-db"));
    }

    static String infraYaml(List<String> domainOrder, int[] trusts, int machines) {
        String[] levels = {"admin", "trusted", "semi-trusted", "untrusted", "disposable"};
        StringBuilder b = new StringBuilder("project_name: t\nglobal: {addressing: {base_octet: 10, zone_base: 100}}\ndomains:\n");
        for (String d : domainOrder) {
            int index = Integer.parseInt(d.substring(1));
            b.append("  ").append(d).append(":\n    trust_level: ").append(levels[trusts[index] % 5]).append("\n    machines:\n");
            for (int m = 0; m < machines; m++) {
                b.append("      ").append(d).append("-m").append(m).append(": {}\n");
            }
        }
        return b.toString();
    }

    @Property(tries = 60)
    void allocationNeverOverlapsAndIgnoresFileOrder(@ForAll @IntRange(min = 1, max = 12) int count,
                                                     @ForAll @IntRange(min = 0, max = 5) int machines,
                                                     @ForAll long seed) {
        int[] trusts = new java.util.Random(seed).ints(count, 0, 5).toArray();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("d" + i);
        }
        AddressPlan first = plan(infraYaml(names, trusts, machines));
        Collections.shuffle(names, new java.util.Random(seed));
        AddressPlan shuffled = plan(infraYaml(names, trusts, machines));
        assertEquals(subnets(first), subnets(shuffled), "file order must not change the subnets");
        assertEquals(new TreeMap<>(first.machineIps()), new TreeMap<>(shuffled.machineIps()));
        List<Cidr> all = first.domains().values().stream().map(d -> Cidr.parse(d.subnet())).toList();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                assertFalse(all.get(i).overlaps(all.get(j)), all.get(i) + " overlaps " + all.get(j));
            }
        }
        assertEquals(first.machineIps().size(), first.machineIps().values().stream().distinct().count(), "unique IPs");
        first.machineIps().forEach((m, ip) -> assertTrue(Cidr.parse(first.domains().get(m.substring(0, m.indexOf('-'))).subnet()).contains(ip)));
    }

    @Property(tries = 30)
    void addingADomainOfAnotherTrustLevelMovesNothing(@ForAll @IntRange(min = 1, max = 8) int count, @ForAll long seed) {
        int[] trusts = new java.util.Random(seed).ints(count + 1, 0, 4).toArray();
        trusts[count] = 4; // the new one is disposable, the others are not
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("d" + i);
        }
        AddressPlan before = plan(infraYaml(names, trusts, 1));
        names.add("d" + count);
        AddressPlan after = plan(infraYaml(names, trusts, 1));
        before.domains().forEach((d, a) -> assertEquals(a.subnet(), after.domains().get(d).subnet()));
    }

    static Map<String, String> subnets(AddressPlan p) {
        Map<String, String> m = new TreeMap<>();
        p.domains().forEach((k, v) -> m.put(k, v.subnet()));
        return m;
    }

    @Test
    void cidrArithmetic() {
        assertTrue(Cidr.parse("10.110.0.0/16").overlaps(Cidr.parse("10.110.3.0/24")));
        assertFalse(Cidr.parse("10.110.0.0/24").overlaps(Cidr.parse("10.110.1.0/24")));
        assertEquals("192.168.1.0/24", Cidr.parse("192.168.1.77/24").network());
    }

}
