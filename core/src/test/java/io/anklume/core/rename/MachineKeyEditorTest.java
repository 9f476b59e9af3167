package io.anklume.core.rename;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MachineKeyEditorTest {
    private final MachineKeyEditor editor = new MachineKeyEditor("infra.yml");

    @Test
    void onlyTheKeyChangesSoRoutesAndCommentsStayUnderIt() {
        String text = """
                # my lab
                domains:
                  pro:   # work
                    machines:
                      web:        # the site
                        routes:
                          - host: app.test
                            port: 8080
                      db: {ip: 10.110.0.2}
                network_policies:
                  - {from: pro, to: web}
                """;
        assertEquals(Optional.of(text.replace("      web:        # the site", "      site:        # the site")
                        .replace("{from: pro, to: web}", "{from: pro, to: site}")),
                editor.rename(text, "web", "site"));
    }

    @Test
    void everyPolicyEndNamingTheMachineIsRenamedAndNothingElse() {
        String text = """
                domains:
                  pro:
                    machines:
                      web: {}
                      webby: {}
                network_policies:
                  - from: "web"   # quoted
                    to: host
                    ports: [80]
                  - {from: host, to: web, description: web}
                  - {from: webby, to: pro}
                """;
        String expected = text.replace("      web: {}", "      site: {}").replace("from: \"web\"   # quoted", "from: site   # quoted")
                .replace("{from: host, to: web, description: web}", "{from: host, to: site, description: web}");
        assertEquals(Optional.of(expected), editor.rename(text, "web", "site"));
    }

    @Test
    void aPolicyEndThatMayMeanADomainOfTheSameNameIsLeftAlone() {
        String text = "domains:\n  web:\n    machines: {}\n  pro:\n    machines:\n      web: {}\n"
                + "network_policies:\n  - {from: web, to: host}\n";
        assertEquals(Optional.of(text.replace("      web: {}", "      site: {}")), editor.rename(text, "web", "site"));
    }

    @Test
    void aQuotedOrFlowStyleKeyIsRenamedInPlace() {
        String text = "domains:\n  pro:\n    machines: {\"web\": {type: lxc}, db: {}}\n";
        assertEquals(Optional.of("domains:\n  pro:\n    machines: {site: {type: lxc}, db: {}}\n"),
                editor.rename(text, "web", "site"));
    }

    @Test
    void anUndeclaredMachineIsNoEdit() {
        assertTrue(editor.rename("domains:\n  pro:\n    machines:\n      db: {}\n", "web", "site").isEmpty());
        assertTrue(editor.rename("project_name: x\n", "web", "site").isEmpty());
    }

    @Test
    void aDomainFileHasItsMachineRenamedAndAPoliciesFileItsEnds() {
        String domainFile = "# pro\npro:\n  machines:\n    web:   # site\n      type: lxc\n    webby: {}\n";
        assertEquals(Optional.of(domainFile.replace("    web:   # site", "    site:   # site")),
                editor.renameInDomainFile(domainFile, "web", "site"));
        assertTrue(editor.renameInDomainFile("ops:\n  machines:\n    api: {}\n", "web", "site").isEmpty());
        String policies = "network_policies:\n  - {from: web, to: host}\n  - {from: webby, to: web}\n";
        assertEquals("network_policies:\n  - {from: site, to: host}\n  - {from: webby, to: site}\n",
                editor.renamePolicyEnds(policies, "web", "site"));
        assertEquals(policies, editor.renamePolicyEnds(policies, "db", "store"));
    }
}
