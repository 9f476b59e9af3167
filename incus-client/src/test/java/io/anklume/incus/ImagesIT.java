package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.Image;
import io.anklume.incus.model.InstanceCreate;
import io.anklume.incus.model.InstanceSource;
import io.anklume.incus.model.Operation;
import io.anklume.incus.model.StateAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImagesIT {
    static IncusLab lab;

    @BeforeAll
    static void up() {
        lab = IncusLab.create();
    }

    @AfterAll
    static void down() {
        lab.close();
    }

    @Test
    void publishAStoppedInstanceAndLaunchFromTheGoldenImage() {
        IncusClient c = lab.client();
        String source = lab.name("gold");
        lab.launch(source);
        lab.exec(source, "sh", "-c", "echo golden > /root/marker");
        c.instances().changeState(lab.project(), source, new StateAction(StateAction.Kind.STOP, 0, true, false)).await();
        String alias = "t-golden-" + lab.suffix();
        Operation published = c.images().publish(lab.project(), source, alias, Map.of("os", "busybox")).await(Duration.ofMinutes(2));
        String fingerprint = String.valueOf(published.metadata().get("fingerprint"));
        try {
            assertEquals(fingerprint, c.images().findAlias(null, alias).orElseThrow().target());
            Image image = c.images().find(null, fingerprint).orElseThrow();
            assertEquals("busybox", image.properties().get("os"));
            assertTrue(c.images().list(null).stream().anyMatch(i -> i.fingerprint().equals(fingerprint)));

            String child = lab.name("child");
            c.instances().create(lab.project(), new InstanceCreate(child, "container", InstanceSource.imageAlias(alias),
                    List.of("default"), false, Map.of(), Map.of(), "", true)).await();
            assertEquals("golden\n", lab.exec(child, "cat", "/root/marker").stdout());
            IncusLab.forceDelete(c, lab.project(), child);
        } finally {
            c.images().delete(null, fingerprint).await();
        }
        assertTrue(c.images().findAlias(null, alias).isEmpty());
    }

    @Test
    void importATarballWithAnAlias(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path tarball = buildBusyboxImage(dir);
        String alias = "t-import-" + lab.suffix();
        Operation op = lab.client().images().importTarball(null, tarball, alias, Map.of("description", "imported by test"))
                .await(Duration.ofMinutes(2));
        String fingerprint = String.valueOf(op.metadata().get("fingerprint"));
        try {
            Image image = lab.client().images().find(null, fingerprint).orElseThrow();
            assertEquals("imported by test", image.properties().get("description"));
            assertTrue(image.aliases().stream().anyMatch(a -> a.name().equals(alias)));
            lab.client().images().deleteAlias(null, alias);
            lab.client().images().createAlias(null, alias + "-b", fingerprint, "second alias");
            assertEquals(fingerprint, lab.client().images().findAlias(null, alias + "-b").orElseThrow().target());
        } finally {
            lab.client().images().delete(null, fingerprint).await();
        }
    }

    /** The same recipe as scripts/lab.sh, with a different description so the fingerprint differs. */
    static Path buildBusyboxImage(Path dir) throws IOException, InterruptedException {
        Path rootfs = dir.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("bin"));
        Files.createDirectories(rootfs.resolve("sbin"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
        Files.createSymbolicLink(rootfs.resolve("bin/sh"), Path.of("busybox"));
        Files.createSymbolicLink(rootfs.resolve("sbin/init"), Path.of("../bin/busybox"));
        Files.writeString(rootfs.resolve("etc/inittab"), "::respawn:/bin/busybox sleep 2147483647\n");
        Files.writeString(dir.resolve("metadata.yaml"), "architecture: x86_64\ncreation_date: "
                + (System.currentTimeMillis() / 1000) + "\nproperties:\n  os: busybox\n  release: \"" + System.nanoTime() + "\"\n");
        Path tarball = dir.resolve("image.tar.gz");
        Process tar = new ProcessBuilder("tar", "-C", dir.toString(), "-czf", tarball.toString(), "metadata.yaml", "rootfs")
                .inheritIO().start();
        assertEquals(0, tar.waitFor());
        return tarball;
    }
}
