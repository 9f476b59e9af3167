package io.anklume.core.adopt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.TrustLevel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class InfraYamlEditorTest {
    private static final MachineEntry WEB = new MachineEntry("web", "lxc", null, null);
    private final InfraYamlEditor editor = new InfraYamlEditor("infra.yml");

    private static final String INFRA = """
            # My workstation
            project_name: ws   # trailing comment
            global:
              addressing: {base_octet: 10, zone_base: 100}
            domains:
              # work first
              pro:
                description: "Work"
                trust_level: trusted
                machines:
                  pro-dev:
                    type: lxc
                    roles: [base_system]   # keep me
                  pro-db:
                    type: lxc
                    config:
                      limits.cpu: "2"
                # pro's profiles come last
                profiles:
                  small: {config: {limits.memory: 1GiB}}

              lab:
                trust_level: disposable

            # policies
            network_policies:
              - from: pro
                to: lab
                ports: all
            """;

    @Test
    void machineIsAppendedToAnExistingDomainAndEverythingElseIsKept() {
        InfraYamlEditor.Edit edit = editor.addMachine(INFRA, "pro", new MachineEntry("web", "lxc", "Front \"end\"", "10.110.0.7"));
        assertEquals(TrustLevel.TRUSTED, edit.domainTrust());
        assertFalse(edit.domainCreated());
        String expected = INFRA.replace("""
                          limits.cpu: "2"
                """, """
                          limits.cpu: "2"
                      web:
                        description: "Front \\"end\\""
                        type: lxc
                        ip: 10.110.0.7
                """);
        assertEquals(expected, edit.text());
        assertMachine(edit.text(), "pro", "web");
    }

    @Test
    void domainWithoutMachinesGetsAMachinesBlock() {
        InfraYamlEditor.Edit edit = editor.addMachine(INFRA, "lab", WEB);
        assertEquals(TrustLevel.DISPOSABLE, edit.domainTrust());
        assertTrue(edit.text().contains("""
                  lab:
                    trust_level: disposable
                    machines:
                      web:
                        type: lxc

                # policies
                """), edit.text());
        assertMachine(edit.text(), "lab", "web");
        assertLinesKept(INFRA, edit.text());
    }

    @Test
    void missingDomainIsCreatedAfterTheLastOneWithDefaultTrust() {
        InfraYamlEditor.Edit edit = editor.addMachine(INFRA, "perso", WEB);
        assertTrue(edit.domainCreated());
        assertEquals(TrustLevel.SEMI_TRUSTED, edit.domainTrust());
        assertTrue(edit.text().contains("""
                    trust_level: disposable
                  perso:
                    trust_level: semi-trusted
                    machines:
                      web:
                        type: lxc
                """), edit.text());
        assertMachine(edit.text(), "perso", "web");
        assertLinesKept(INFRA, edit.text());
    }

    @Test
    void fileWithoutDomainsGetsThemAtTheEnd() {
        String text = "project_name: ws\n# nothing else yet";
        String out = editor.addMachine(text, "lab", WEB).text();
        assertEquals("project_name: ws\n# nothing else yet\ndomains:\n  lab:\n    trust_level: semi-trusted\n"
                + "    machines:\n      web:\n        type: lxc\n", out);
        assertEquals("domains:\n  lab:\n    trust_level: semi-trusted\n    machines:\n      web:\n        type: lxc\n",
                editor.addMachine("", "lab", WEB).text());
    }

    @Test
    void emptyMachinesAndFourSpaceIndentationAreFollowed() {
        String text = "domains:\n    lab:\n        trust_level: untrusted\n        machines:\n    # end\n";
        String out = editor.addMachine(text, "lab", WEB).text();
        assertEquals("domains:\n    lab:\n        trust_level: untrusted\n        machines:\n"
                + "            web:\n                type: lxc\n    # end\n", out);
        assertMachine(out, "lab", "web");
    }

    @Test
    void aMachineDeclaredAnywhereIsRefusedWithItsLine() {
        InfraYamlEditor.EditException e = assertThrows(InfraYamlEditor.EditException.class,
                () -> editor.addMachine(INFRA, "lab", new MachineEntry("pro-db", "lxc", null, null)));
        assertEquals("infra.yml:14: machine pro-db is already declared in domain pro", e.getMessage());
    }

    @Test
    void flowStyleDomainsAreRefusedWithAnExplanation() {
        InfraYamlEditor.EditException e = assertThrows(InfraYamlEditor.EditException.class,
                () -> editor.addMachine("domains: {lab: {trust_level: admin}}\n", "lab", WEB));
        assertTrue(e.getMessage().contains("flow style"), e.getMessage());
    }

    @Test
    void lastMachineWithABlockScalarIsNotCut() {
        String text = "domains:\n  lab:\n    machines:\n      a:\n        description: |\n          two\n          lines\n"
                + "\n# tail\n";
        String out = editor.addMachine(text, "lab", WEB).text();
        assertEquals("domains:\n  lab:\n    machines:\n      a:\n        description: |\n          two\n          lines\n"
                + "      web:\n        type: lxc\n\n# tail\n", out);
        assertMachine(out, "lab", "web");
    }

    @SuppressWarnings("unchecked")
    private static void assertMachine(String text, String domain, String machine) {
        Map<String, Object> root = new Yaml().load(text);
        Map<String, Object> domains = (Map<String, Object>) root.get("domains");
        Map<String, Object> d = (Map<String, Object>) domains.get(domain);
        Map<String, Object> machines = (Map<String, Object>) d.get("machines");
        assertTrue(machines.containsKey(machine), text);
    }

    /** Every original line is still there, in the same order. */
    private static void assertLinesKept(String before, String after) {
        List<String> out = after.lines().toList();
        int at = 0;
        for (String line : before.lines().toList()) {
            while (at < out.size() && !out.get(at).equals(line)) {
                at++;
            }
            assertTrue(at < out.size(), "line lost or moved: " + line);
            at++;
        }
    }

    @Test
    void aDomainFileOfAnInfraDirectoryKeepsItsIndentationAndGetsNewDomainsAtTheEnd() {
        String file = "# pro's file\npro:\n    trust_level: trusted\n    machines:\n        pro-dev: {}\n";
        InfraYamlEditor.Edit added = editor.addMachineToDomainFile(file, "pro", WEB);
        assertEquals(file + "        web:\n            type: lxc\n", added.text());
        assertEquals(TrustLevel.TRUSTED, added.domainTrust());
        assertFalse(added.domainCreated());

        InfraYamlEditor.Edit created = editor.addMachineToDomainFile(file, "lab", WEB);
        assertEquals(file + "lab:\n    trust_level: semi-trusted\n    machines:\n        web:\n            type: lxc\n",
                created.text());
        assertTrue(created.domainCreated());

        assertThrows(InfraYamlEditor.EditException.class, () -> editor.addMachineToDomainFile(file, "pro",
                new MachineEntry("pro-dev", "lxc", null, null)), "already declared");
        assertThrows(InfraYamlEditor.EditException.class, () -> editor.addMachineToDomainFile("{pro: {}}\n", "pro", WEB),
                "flow style cannot be added to as text");
    }
}
