package io.anklume.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.incus.IncusClient;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.StateAction;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup export → delete → backup import gives the same file contents back, on the real daemon. */
class BackupIT {
    private static IncusLab lab;
    private static IncusClient incus;

    @BeforeAll
    static void lab() {
        lab = IncusLab.create();
        incus = lab.client();
    }

    @AfterAll
    static void cleanUp() {
        if (lab != null) {
            lab.close();
        }
    }

    record Run(int code, String out, String err) {}

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment env = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new BufferedReader(new StringReader("")),
                DefaultInfraSource.INSTANCE, i -> null, () -> new Unclosable(incus), () -> false);
        int code = new Cli(env).run(List.of(args));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void exportDeleteImportGivesTheSameFileBack(@TempDir Path dir) throws Exception {
        String name = lab.name("bk");
        lab.instance(name, java.util.Map.of(), true);
        assertEquals(0, lab.exec(name, "sh", "-c", "echo keep-me-$((6*7)) > /root/data").exitCode());
        Path tarball = dir.resolve(name + ".tar.gz");

        Run export = cli("backup", "export", lab.project() + "/" + name, tarball.toString());
        assertEquals(0, export.code(), export.out() + export.err());
        assertTrue(Files.size(tarball) > 1000, "a real tarball: " + Files.size(tarball));
        assertTrue(incus.backups().list(lab.project(), name).isEmpty(), "the server-side backup is removed");
        assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().endsWith(".part")));

        IncusLab.forceDelete(incus, lab.project(), name);
        assertTrue(incus.instances().list(lab.project(), false).stream().noneMatch(i -> i.name().equals(name)));

        Run imported = cli("backup", "import", tarball.toString(), "--project", lab.project(), "--name", name + "-r");
        assertEquals(0, imported.code(), imported.out() + imported.err());
        incus.instances().changeState(lab.project(), name + "-r", StateAction.of(StateAction.Kind.START)).await();
        assertEquals("keep-me-42\n", lab.exec(name + "-r", "cat", "/root/data").stdout());

        Run missing = cli("backup", "import", dir.resolve("none.tar.gz").toString(), "--project", lab.project());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("none.tar.gz into project " + lab.project() + ": no such file"), missing.err());
        Run usage = cli("backup", "export", name);
        assertEquals(1, usage.code());
        assertTrue(usage.err().contains("expected 'export INSTANCE FILE'"), usage.err());
    }
}
