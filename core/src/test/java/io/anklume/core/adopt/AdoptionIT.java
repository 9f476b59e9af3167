package io.anklume.core.adopt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.ActionException;
import io.anklume.core.infra.TrustLevel;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.IncusClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdoptionIT {
    private static IncusClient client;
    private static IncusLab lab;

    @TempDir
    Path dir;

    @BeforeAll
    static void lab() {
        client = IncusLab.connect();
        lab = IncusLab.create(client);
    }

    @AfterAll
    static void cleanUp() {
        if (lab != null) {
            lab.close();
        }
        if (client != null) {
            client.close();
        }
    }

    @Test
    void adoptingAnUntrackedContainerMarksItAndRecordsItWithCommentsIntact() throws Exception {
        lab.instance("stray", Map.of(), false);
        InstanceRef ref = new InstanceRef(lab.project(), "stray");
        Adoption adoption = new Adoption(client, false);
        assertTrue(adoption.untracked().contains(ref));

        String original = """
                # My workstation -- keep this comment
                project_name: lab-test
                domains:
                  admin:            # the admin domain
                    trust_level: admin
                    machines:
                      admin-ctl:
                        type: lxc   # control
                # network policies come later
                """;
        Path infra = dir.resolve("infra.yml");
        Files.writeString(infra, original);

        Adoption.Adopted adopted = adoption.adopt(ref, infra);
        assertEquals(lab.project(), adopted.domain());
        assertEquals(TrustLevel.SEMI_TRUSTED, adopted.trust());
        assertTrue(adopted.domainCreated());

        Map<String, String> config = client.instances().get(ref.project(), ref.name()).config();
        assertEquals("true", config.get("user.anklume.managed"));
        assertEquals(lab.project(), config.get("user.anklume.domain"));
        assertEquals("semi-trusted", config.get("user.anklume.trust"));

        String text = Files.readString(infra);
        assertEquals(original.replace("""
                        type: lxc   # control
                """, """
                        type: lxc   # control
                  %s:
                    trust_level: semi-trusted
                    machines:
                      stray:
                        type: lxc
                """.formatted(lab.project())), text);
        assertFalse(adoption.untracked().contains(ref));

        ActionException again = assertThrows(ActionException.class, () -> adoption.adopt(ref, infra));
        assertTrue(again.getMessage().contains("already managed"), again.getMessage());
        assertEquals(text, Files.readString(infra));
    }

    @Test
    void adoptingIntoAnInfraDirectoryWritesTheDomainsOwnFileNotAnInfraYml() throws Exception {
        lab.instance("stray-dir", Map.of(), false);
        InstanceRef ref = new InstanceRef(lab.project(), "stray-dir");
        Path infra = Files.createDirectories(dir.resolve("infra").resolve("domains")).getParent();
        String base = "project_name: lab-test   # base\nglobal:\n  addressing: {base_octet: 10, zone_base: 160}\n";
        String admin = "admin:\n  trust_level: admin\n  machines:\n    admin-ctl: {type: lxc}\n";
        Files.writeString(infra.resolve("base.yml"), base);
        Files.writeString(infra.resolve("domains").resolve("admin.yml"), admin);
        Path infraYml = dir.resolve("infra.yml");

        Adoption.Adopted adopted = new Adoption(client, false).adopt(ref, infraYml);

        Path own = infra.resolve("domains").resolve(lab.project() + ".yml");
        assertEquals(own, adopted.file());
        assertEquals(lab.project() + ":\n  trust_level: semi-trusted\n  machines:\n    stray-dir:\n      type: lxc\n",
                Files.readString(own));
        assertEquals(base, Files.readString(infra.resolve("base.yml")));
        assertEquals(admin, Files.readString(infra.resolve("domains").resolve("admin.yml")));
        assertFalse(Files.exists(infraYml), "an infra.yml beside infra/ would hide the directory");
        assertEquals("true", client.instances().get(ref.project(), ref.name()).config().get("user.anklume.managed"));
        assertTrue(io.anklume.core.infra.InfraFiles.load(infraYml).infra().machine("stray-dir").isPresent());
    }
}
