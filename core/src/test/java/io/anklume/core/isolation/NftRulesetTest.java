package io.anklume.core.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.InfraFiles;
import io.anklume.core.net.HostNetworks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NftRulesetTest {
    static final Path EXAMPLES = Path.of("..", "examples");
    static final Path GOLDEN = Path.of("src", "test", "resources", "io", "anklume", "core", "isolation");

    static NftRuleset workstation() {
        InfraFiles.Loaded loaded = InfraFiles.load(EXAMPLES.resolve("workstation/infra.yml"), HostNetworks.none());
        assertFalse(loaded.hasErrors(), loaded.problems().toString());
        return NftRuleset.generate(loaded.infra(), loaded.addresses());
    }

    static NftRuleset parse(String yaml) {
        InfraFiles.Loaded loaded = InfraFiles.parse("infra.yml", yaml, HostNetworks.none());
        assertFalse(loaded.hasErrors(), loaded.problems().toString());
        return NftRuleset.generate(loaded.infra(), loaded.addresses());
    }

    /** The golden file was read by hand once; regenerate with -Dgolden.update=true only on purpose. */
    @Test
    void workstationExampleMatchesTheReviewedGoldenFile() throws IOException {
        String text = workstation().table();
        Path golden = GOLDEN.resolve("workstation.nft");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, text, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), text);
    }

    @Test
    void theTransactionReplacesOnlyTheAnklumeTable() {
        String tx = workstation().transaction();
        assertTrue(tx.startsWith("table inet anklume\ndelete table inet anklume\ntable inet anklume {\n"), tx);
        assertFalse(tx.contains("flush ruleset"));
        assertFalse(tx.contains("incus"));
    }

    @Test
    void bidirectionalAddsTheReverseRuleAndAllPortsHasNoPortMatch() {
        String text = parse("""
                project_name: t
                global: {addressing: {base_octet: 10, zone_base: 100}}
                domains:
                  aa: {trust_level: trusted, machines: {aa-one: {}}}
                  bb: {trust_level: trusted, machines: {bb-one: {}}}
                network_policies:
                  - {description: both ways, from: aa, to: bb, ports: [8080], protocol: tcp, bidirectional: true}
                  - {from: aa-one, to: bb, ports: all}
                  - {from: bb, to: host, ports: [53], protocol: udp}
                  - {from: host, to: aa, ports: [22]}
                """).table();
        assertTrue(text.contains("iifname \"net-aa\" oifname \"net-bb\" tcp dport 8080 accept comment \"policy 1 (both ways): aa -> bb\""), text);
        assertTrue(text.contains("iifname \"net-bb\" oifname \"net-aa\" tcp dport 8080 accept comment \"policy 1 (both ways): bb -> aa (reverse)\""), text);
        assertTrue(text.contains("iifname \"net-aa\" oifname \"net-bb\" ip saddr 10.110.0.1 accept comment \"policy 2: aa-one -> bb\""), text);
        assertTrue(text.contains("chain host-input {\n\t\ttype filter hook input priority filter - 1; policy accept;\n"
                + "\t\tiifname \"net-bb\" udp dport 53 accept comment \"policy 3: bb -> host\"\n"), text);
        // From the host, traffic leaves through the output hook: nothing in the forward chain is needed.
        assertFalse(text.contains("host -> aa"), text);
        assertTrue(text.contains("iifname \"net-aa\" oifname \"net-bb\" counter drop comment \"drop aa -> bb\""), text);
        assertTrue(text.contains("iifname \"net-bb\" oifname \"net-aa\" counter drop comment \"drop bb -> aa\""), text);
        assertTrue(text.indexOf("accept comment \"policy 1") < text.indexOf("drop comment"), "accepts come before drops");
    }

    @Test
    void disabledDomainsGetNoRulesAndOneDomainHasNoDrops() {
        String text = parse("""
                project_name: t
                global: {addressing: {base_octet: 10, zone_base: 100}}
                domains:
                  aa: {trust_level: trusted}
                  off: {trust_level: trusted, enabled: false}
                """).table();
        assertFalse(text.contains("net-off"), text);
        assertFalse(text.contains("drop comment"), text);
        assertTrue(text.contains("iifname \"net-aa\" ct state invalid drop"), text);
    }
}
