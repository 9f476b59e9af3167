package io.anklume.core.adopt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.ActionException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclarationsTest {
    static final String FILE = """
            # mine
            project_name: t
            global:
              addressing: {base_octet: 10, zone_base: 160}
              gpu_policy: exclusive
            domains:
              pro:
                trust_level: trusted   # keep me
                machines:
                  pro-llm:
                    gpu: true
            """;

    @Test
    void addsAMachineWithImageAndGpuKeepingComments(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("infra.yml"), FILE.replace("gpu: true", "description: x"));
        new Declarations(false).addMachine(f, "pro", new MachineEntry("pro-new", "lxc", "made in the TUI", null, "busybox", true));
        String text = Files.readString(f);
        assertTrue(text.contains("# keep me") && text.startsWith("# mine"), text);
        assertTrue(text.contains("    pro-new:\n") && text.contains("os_image: \"busybox\"") && text.contains("gpu: true"), text);
    }

    @Test
    void refusesAnEditThatBreaksTheFileAndLeavesItAlone(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("infra.yml"), FILE);
        ActionException e = assertThrows(ActionException.class, () -> new Declarations(false)
                .addMachine(f, "pro", new MachineEntry("pro-img", "lxc", null, null, null, true)));
        assertTrue(e.getMessage().contains("GPU policy is 'exclusive' but 2 instances have GPU access: pro-llm, pro-img"),
                e.getMessage());
        assertEquals(FILE, Files.readString(f));
        assertThrows(ActionException.class, () -> new Declarations(true)
                .addMachine(f, "pro", new MachineEntry("x", "lxc", null, null)));
    }

    @Test
    void theDomainsOfTheFileAreOfferedAppliedOrNot(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("infra.yml");
        Files.writeString(f, FILE);
        assertEquals(java.util.List.of("pro"), new Declarations(false).domains(f));
        Files.writeString(f, "not: [valid");
        assertEquals(java.util.List.of(), new Declarations(false).domains(f));
    }

    @Test
    void inAnInfraDirectoryTheMachineGoesIntoItsDomainsFileAndABreakingEditIsPutBack(@TempDir Path dir) throws Exception {
        Path infra = Files.createDirectories(dir.resolve("infra").resolve("domains")).getParent();
        Files.writeString(infra.resolve("base.yml"), "project_name: t\nglobal:\n  addressing: {base_octet: 10, zone_base: 160}\n"
                + "  gpu_policy: exclusive\n");
        String pro = "pro:\n  trust_level: trusted   # keep me\n  machines:\n    pro-llm:\n      gpu: true\n";
        Files.writeString(infra.resolve("domains/pro.yml"), pro);
        Path infraYml = dir.resolve("infra.yml");
        assertEquals(java.util.List.of("pro"), new Declarations(false).domains(infraYml));

        new Declarations(false).addMachine(infraYml, "pro", new MachineEntry("pro-web", "lxc", null, null, "busybox", false));
        String text = Files.readString(infra.resolve("domains/pro.yml"));
        assertTrue(text.startsWith(pro) && text.contains("    pro-web:\n") && text.contains("os_image: \"busybox\""), text);
        assertTrue(Files.notExists(infraYml));

        ActionException e = assertThrows(ActionException.class, () -> new Declarations(false)
                .addMachine(infraYml, "pro", new MachineEntry("pro-img", "lxc", null, null, null, true)));
        assertTrue(e.getMessage().contains("would become invalid") && e.getMessage().contains("pro-img"), e.getMessage());
        assertEquals(text, Files.readString(infra.resolve("domains/pro.yml")), "put back");

        new Declarations(false).addMachine(infraYml, "lab", new MachineEntry("lab-1", "lxc", null, null));
        assertTrue(Files.readString(infra.resolve("domains/lab.yml")).startsWith("lab:\n  trust_level: semi-trusted\n"));
    }
}
