package io.anklume.core.rename;

import static io.anklume.core.inventory.TestInstances.instance;
import static io.anklume.core.inventory.TestInstances.managed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.anklume.core.ActionException;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.InstancesApi;
import io.anklume.incus.OperationHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenamerTest {
    private static final String INFRA = """
            project_name: lab
            global:
              addressing: {base_octet: 10, zone_base: 160}
            domains:
              pro:
                machines:
                  web:   # the site
                    routes:
                      - host: app.test
                        port: 8080
                  db: {}
            """;
    private static final InstanceRef WEB = new InstanceRef("pro", "web");

    private final IncusClient client = mock(IncusClient.class);
    private final InstancesApi instances = mock(InstancesApi.class);
    private final OperationHandle done = mock(OperationHandle.class);

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void wire() throws Exception {
        file = dir.resolve("infra.yml");
        Files.writeString(file, INFRA);
        when(client.instances()).thenReturn(instances);
        when(instances.get("pro", "web")).thenReturn(instance("pro", "web", "Stopped", managed("pro", "trusted")));
        when(instances.list("pro", false)).thenReturn(List.of(instance("pro", "web", "Stopped", Map.of()),
                instance("pro", "db", "Stopped", Map.of())));
        when(instances.rename(anyString(), anyString(), anyString())).thenReturn(done);
    }

    @Test
    void aManagedInstanceIsRenamedInIncusAndInTheFileAndItsRoutesGoWithIt() throws Exception {
        Renamer.Renamed r = new Renamer(client, false).rename(WEB, "site", file);

        verify(instances).rename("pro", "web", "site");
        assertEquals(INFRA.replace("      web:   # the site", "      site:   # the site"), Files.readString(file));
        assertEquals(List.of("app.test"), r.routes());
        assertEquals("renamed pro/web to site and in " + file + "; route app.test now goes to site", r.summary());
    }

    @Test
    void whenIncusRefusesTheFileIsPutBack() throws Exception {
        when(instances.rename("pro", "web", "site")).thenThrow(new IncusException(400, "Invalid instance name", null));
        ActionException e = assertThrows(ActionException.class, () -> new Renamer(client, false).rename(WEB, "site", file));
        assertTrue(e.getMessage().startsWith("cannot rename pro/web to site: "), e.getMessage());
        assertEquals(INFRA, Files.readString(file));
    }

    @Test
    void aPolicyNamingTheMachineIsRenamedWithIt() throws Exception {
        Files.writeString(file, INFRA + "network_policies:\n  - {from: db, to: web, ports: [8080]}\n");
        Renamer.Renamed r = new Renamer(client, false).rename(WEB, "site", file);
        verify(instances).rename("pro", "web", "site");
        assertEquals(file, r.infraFile());
        assertEquals(INFRA.replace("      web:   # the site", "      site:   # the site")
                + "network_policies:\n  - {from: db, to: site, ports: [8080]}\n", Files.readString(file));
    }

    @Test
    void aRunningOrTakenNameOrAFileThatWouldBecomeInvalidIsRefusedBeforeAnythingChanges() throws Exception {
        when(instances.get("pro", "web")).thenReturn(instance("pro", "web", "Running", managed("pro", "trusted")));
        ActionException running = assertThrows(ActionException.class, () -> new Renamer(client, false).rename(WEB, "site", file));
        assertTrue(running.getMessage().contains("stop it first (S)"), running.getMessage());

        when(instances.get("pro", "web")).thenReturn(instance("pro", "web", "Stopped", managed("pro", "trusted")));
        ActionException taken = assertThrows(ActionException.class, () -> new Renamer(client, false).rename(WEB, "db", file));
        assertTrue(taken.getMessage().contains("already has an instance db"), taken.getMessage());

        // Machine names are unique across domains: another domain's "api" makes the renamed file invalid.
        String twoDomains = INFRA + "  ops:\n    machines:\n      api: {}\n";
        Files.writeString(file, twoDomains);
        ActionException invalid = assertThrows(ActionException.class, () -> new Renamer(client, false).rename(WEB, "api", file));
        assertTrue(invalid.getMessage().contains("would become invalid") && invalid.getMessage().contains("api"),
                invalid.getMessage());
        verify(instances, never()).rename(any(), any(), any());
        assertEquals(twoDomains, Files.readString(file));
    }

    @Test
    void anUntrackedInstanceIsRenamedInIncusOnly() throws Exception {
        when(instances.get("pro", "web")).thenReturn(instance("pro", "web", "Stopped", Map.of()));
        Renamer.Renamed r = new Renamer(client, false).rename(WEB, "site", file);
        verify(instances).rename("pro", "web", "site");
        assertNull(r.infraFile());
        assertEquals(INFRA, Files.readString(file), "an untracked web is not the file's machine web");
    }

    @Test
    void inAnInfraDirectoryTheDomainFileAndThePoliciesFileAreRenamedTogether() throws Exception {
        Files.delete(file);
        Path infra = Files.createDirectories(dir.resolve("infra/domains")).getParent();
        String base = "project_name: lab\nglobal:\n  addressing: {base_octet: 10, zone_base: 160}\n";
        Files.writeString(infra.resolve("base.yml"), base);
        String pro = "# work\npro:\n  machines:\n    web:   # the site\n      routes:\n        - {host: app.test, port: 8080}\n"
                + "    db: {}\n";
        Files.writeString(infra.resolve("domains/pro.yml"), pro);
        String policies = "network_policies:\n  - {from: db, to: web, ports: [8080]}\n";
        Files.writeString(infra.resolve("policies.yml"), policies);

        Renamer.Renamed r = new Renamer(client, false).rename(WEB, "site", file);

        verify(instances).rename("pro", "web", "site");
        assertEquals(infra, r.infraFile());
        assertEquals(List.of("app.test"), r.routes());
        assertEquals(pro.replace("    web:   # the site", "    site:   # the site"), Files.readString(infra.resolve("domains/pro.yml")));
        assertEquals(policies.replace("to: web", "to: site"), Files.readString(infra.resolve("policies.yml")));
        assertEquals(base, Files.readString(infra.resolve("base.yml")));
        assertTrue(Files.notExists(file), "no infra.yml beside the directory");
    }

    @Test
    void inAnInfraDirectoryARefusedRenamePutsEveryFileBack() throws Exception {
        Files.delete(file);
        Path infra = Files.createDirectories(dir.resolve("infra/domains")).getParent();
        Files.writeString(infra.resolve("base.yml"), "project_name: lab\nglobal:\n  addressing: {base_octet: 10, zone_base: 160}\n"
                + "network_policies:\n  - {from: host, to: web, ports: [22]}\n");
        String pro = "pro:\n  machines:\n    web: {}\n";
        Files.writeString(infra.resolve("domains/pro.yml"), pro);
        // Another domain's machine already has the new name: the directory would not load.
        Files.writeString(infra.resolve("domains/ops.yml"), "ops:\n  machines:\n    api: {}\n");
        ActionException invalid = assertThrows(ActionException.class, () -> new Renamer(client, false).rename(WEB, "api", file));
        assertTrue(invalid.getMessage().contains("would become invalid"), invalid.getMessage());
        assertEquals(pro, Files.readString(infra.resolve("domains/pro.yml")));
        assertTrue(Files.readString(infra.resolve("base.yml")).contains("to: web"));

        when(instances.rename("pro", "web", "site")).thenThrow(new IncusException(400, "Incus said no", "rename"));
        assertThrows(ActionException.class, () -> new Renamer(client, false).rename(WEB, "site", file));
        assertEquals(pro, Files.readString(infra.resolve("domains/pro.yml")), "put back after Incus refused");
        assertTrue(Files.readString(infra.resolve("base.yml")).contains("to: web"));
    }
}
