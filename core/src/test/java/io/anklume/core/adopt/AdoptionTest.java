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

        assertEquals(new Adoption.Adopted(new InstanceRef("lab", "stray"), "lab", TrustLevel.UNTRUSTED, false), a);
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
}
