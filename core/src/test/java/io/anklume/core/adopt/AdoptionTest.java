package io.anklume.core.adopt;

import static io.anklume.core.inventory.TestInstances.instance;
import static io.anklume.core.inventory.TestInstances.managed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.anklume.core.ActionException;
import io.anklume.core.infra.Domain;
import io.anklume.core.infra.Global;
import io.anklume.core.infra.Infra;
import io.anklume.core.infra.Machine;
import io.anklume.core.infra.SourceMap;
import io.anklume.core.infra.TrustLevel;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.IncusClient;
import io.anklume.incus.InstancesApi;
import io.anklume.incus.model.InstancePut;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdoptionTest {
    private final IncusClient client = mock(IncusClient.class);
    private final InstancesApi instances = mock(InstancesApi.class);

    @TempDir
    Path dir;

    @BeforeEach
    void wire() {
        when(client.instances()).thenReturn(instances);
        when(instances.listAllProjects(false)).thenReturn(List.of(
                instance("lab", "stray", "Running", Map.of()),
                instance("pro", "pro-dev", "Running", managed("pro", "trusted")),
                instance("pro", "old", "Stopped", managed("pro", "trusted")),
                instance("default", "c1", "Stopped", Map.of()),
                instance("disp", "disp-20261207-101500", "Running", DISPOSABLE)));
    }

    private static final Map<String, String> DISPOSABLE = Map.of("user.anklume.disposable", "true",
            "user.anklume.domain", "disp", "user.anklume.trust", "disposable");

    @Test
    void untrackedAreTheInstancesWithoutTheManagedMarkerExceptDisposables() {
        assertEquals(List.of(new InstanceRef("default", "c1"), new InstanceRef("lab", "stray")),
                new Adoption(client, false).untracked());
    }

    @Test
    void orphansAreManagedInstancesTheInfraNoLongerDeclares() {
        Machine dev = new Machine("pro-dev", "pro", null, Machine.Type.LXC, null, null, null, false, List.of(), null,
                null, null, null, null, Map.of(), Map.of(), Map.of(), Map.of(), List.of());
        Domain pro = new Domain("pro", null, true, null, TrustLevel.TRUSTED, false, Map.of(), List.of(dev));
        Infra infra = new Infra("ws", new Global(10, 100, "images:debian/13", Global.GpuPolicy.EXCLUSIVE,
                Global.FirewallMode.HOST, null), List.of(pro), List.of(), new SourceMap("infra.yml", Map.of()));
        assertEquals(List.of(new InstanceRef("pro", "old")), new Adoption(client, false).orphans(infra));
    }

    @Test
    void adoptionMarksTheInstanceAndRecordsItInTheFile() throws Exception {
        Path file = dir.resolve("infra.yml");
        Files.writeString(file, "# keep\ndomains:\n  lab:   # the lab\n    trust_level: untrusted\n");
        when(instances.get("lab", "stray")).thenReturn(instance("lab", "stray", "Running", Map.of()));

        Adoption.Adopted a = new Adoption(client, false).adopt(new InstanceRef("lab", "stray"), file);

        assertEquals(new Adoption.Adopted(new InstanceRef("lab", "stray"), "lab", TrustLevel.UNTRUSTED, false, List.of(), file), a);
        verify(instances).patch("lab", "stray", new InstancePut(Map.of("user.anklume.managed", "true",
                "user.anklume.domain", "lab", "user.anklume.trust", "untrusted"), null, null, null, null), null);
        assertEquals("# keep\ndomains:\n  lab:   # the lab\n    trust_level: untrusted\n    machines:\n"
                + "      stray:\n        type: lxc\n", Files.readString(file));
    }

    @Test
    void aMachineAlreadyInTheFileIsRefusedAndNothingIsChanged() throws Exception {
        Path file = dir.resolve("infra.yml");
        String text = "domains:\n  other:\n    machines:\n      stray: {type: lxc}\n";
        Files.writeString(file, text);
        when(instances.get("lab", "stray")).thenReturn(instance("lab", "stray", "Running", Map.of()));
        ActionException e = assertThrows(ActionException.class,
                () -> new Adoption(client, false).adopt(new InstanceRef("lab", "stray"), file));
        assertTrue(e.getMessage().contains("already declared in domain other"), e.getMessage());
        verify(instances, never()).patch(any(), any(), any(), any());
        assertEquals(text, Files.readString(file));
    }

    @Test
    void managedInstancesAndReadOnlyModeAreRefused() {
        when(instances.get("pro", "pro-dev")).thenReturn(instance("pro", "pro-dev", "Running", managed("pro", "trusted")));
        Path file = dir.resolve("infra.yml");
        assertThrows(ActionException.class, () -> new Adoption(client, false).adopt(new InstanceRef("pro", "pro-dev"), file));
        IncusClient untouched = mock(IncusClient.class);
        ActionException e = assertThrows(ActionException.class,
                () -> new Adoption(untouched, true).adopt(new InstanceRef("lab", "stray"), file));
        assertTrue(e.getMessage().endsWith("read-only mode"));
        verifyNoInteractions(untouched);
    }

    @Test
    void aDisposableIsRefusedWithTheReasonAndNothingIsChanged() throws Exception {
        Path file = dir.resolve("infra.yml");
        String text = "domains:\n  disp:\n    trust_level: disposable\n";
        Files.writeString(file, text);
        InstanceRef ref = new InstanceRef("disp", "disp-20261207-101500");
        when(instances.get(ref.project(), ref.name())).thenReturn(instance("disp", ref.name(), "Running", DISPOSABLE));

        ActionException e = assertThrows(ActionException.class, () -> new Adoption(client, false).adopt(ref, file));

        assertTrue(e.getMessage().contains("disp/disp-20261207-101500") && e.getMessage().contains("is a disposable"),
                e.getMessage());
        verify(instances, never()).patch(any(), any(), any(), any());
        assertEquals(text, Files.readString(file));
    }

    /**
     * An infra/ directory beside a missing infra.yml, as anklume reads it; returns the infra.yml path.
     * It loads, so adoption plans against Incus to bring the instance in line: every other API of the
     * mocked client answers empty (Mockito's empty lists), the instance then has nothing to change.
     */
    private Path infraDirectory(String labFile) throws Exception {
        when(client.operations()).thenReturn(mock(io.anklume.incus.OperationsApi.class));
        when(client.projects()).thenReturn(mock(io.anklume.incus.ProjectsApi.class));
        when(client.networks()).thenReturn(mock(io.anklume.incus.NetworksApi.class));
        when(client.profiles()).thenReturn(mock(io.anklume.incus.ProfilesApi.class));
        when(client.server()).thenReturn(mock(io.anklume.incus.ServerApi.class));
        when(client.networkAcls()).thenReturn(mock(io.anklume.incus.NetworkAclsApi.class));
        Path infra = dir.resolve("infra");
        Files.createDirectories(infra.resolve("domains"));
        Files.writeString(infra.resolve("base.yml"), "project_name: lab\nglobal:\n  addressing: {base_octet: 10, zone_base: 160}\n  default_os_image: busybox\n"
                + "domains:\n  ops:\n    machines:\n      ops-1: {}\n");
        if (labFile != null) {
            Files.writeString(infra.resolve("domains").resolve("lab.yml"), labFile);
        }
        return dir.resolve("infra.yml");
    }

    @Test
    void inAnInfraDirectoryTheMachineGoesIntoTheFileDefiningItsDomain() throws Exception {
        Path infraYml = infraDirectory("# lab\nlab:\n  trust_level: untrusted\n  machines:\n    lab-1: {}\n");
        when(instances.get("lab", "stray")).thenReturn(instance("lab", "stray", "Running", Map.of()));

        Adoption.Adopted a = new Adoption(client, false).adopt(new InstanceRef("lab", "stray"), infraYml);

        Path labFile = dir.resolve("infra/domains/lab.yml");
        assertEquals(labFile, a.file());
        assertEquals(TrustLevel.UNTRUSTED, a.trust());
        assertEquals("# lab\nlab:\n  trust_level: untrusted\n  machines:\n    lab-1: {}\n    stray:\n      type: lxc\n",
                Files.readString(labFile));
        assertTrue(Files.notExists(infraYml), "an infra.yml beside the directory would hide it from then on");
        assertTrue(io.anklume.core.infra.InfraFiles.load(infraYml).infra().machine("stray").isPresent());
    }

    @Test
    void inAnInfraDirectoryANewDomainGetsItsOwnFileAndOneInBaseYmlStaysThere() throws Exception {
        Path infraYml = infraDirectory(null);
        when(instances.get("lab", "stray")).thenReturn(instance("lab", "stray", "Running", Map.of()));
        Adoption.Adopted a = new Adoption(client, false).adopt(new InstanceRef("lab", "stray"), infraYml);
        assertEquals(dir.resolve("infra/domains/lab.yml"), a.file());
        assertTrue(a.domainCreated());
        assertEquals("lab:\n  trust_level: semi-trusted\n  machines:\n    stray:\n      type: lxc\n",
                Files.readString(a.file()));

        when(instances.get("ops", "ops-2")).thenReturn(instance("ops", "ops-2", "Running", Map.of()));
        Adoption.Adopted b = new Adoption(client, false).adopt(new InstanceRef("ops", "ops-2"), dir.resolve("infra"));
        assertEquals(dir.resolve("infra/base.yml"), b.file());
        assertTrue(Files.readString(b.file()).endsWith("      ops-1: {}\n      ops-2:\n        type: lxc\n"), Files.readString(b.file()));
    }

    @Test
    void inAnInfraDirectoryANameDeclaredInAnotherFileOrABrokenFileIsRefusedUntouched() throws Exception {
        Path infraYml = infraDirectory("lab:\n  machines:\n    lab-1: {}\n");
        when(instances.get("lab", "ops-1")).thenReturn(instance("lab", "ops-1", "Running", Map.of()));
        ActionException taken = assertThrows(ActionException.class,
                () -> new Adoption(client, false).adopt(new InstanceRef("lab", "ops-1"), infraYml));
        assertTrue(taken.getMessage().contains("already declared") && taken.getMessage().contains("domain ops"), taken.getMessage());

        Files.writeString(dir.resolve("infra/domains/zz.yml"), "zz: [not, a, domain]\n");
        when(instances.get("lab", "stray")).thenReturn(instance("lab", "stray", "Running", Map.of()));
        ActionException broken = assertThrows(ActionException.class,
                () -> new Adoption(client, false).adopt(new InstanceRef("lab", "stray"), infraYml));
        assertTrue(broken.getMessage().contains("fix it first") && broken.getMessage().contains("zz.yml"), broken.getMessage());
        verify(instances, never()).patch(any(), any(), any(), any());
        assertEquals("lab:\n  machines:\n    lab-1: {}\n", Files.readString(dir.resolve("infra/domains/lab.yml")));
    }
}
