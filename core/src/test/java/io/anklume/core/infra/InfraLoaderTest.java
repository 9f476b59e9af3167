package io.anklume.core.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfraLoaderTest {
    static final String GOOD = """
            project_name: demo
            global:
              addressing:
                base_octet: 10
                zone_base: 100
              default_os_image: busybox
            domains:
              pro:
                trust_level: trusted
                machines:
                  pro-dev:
                    ip: 10.110.0.5
                    config:
                      limits.cpu: 2
                      boot.autostart: true
            """;

    static Problem only(LoadResult r) {
        assertEquals(1, r.problems().size(), r.problems().toString());
        return r.problems().get(0);
    }

    @Test
    void valuesKeepTheirFilePositionsAndDefaults() {
        LoadResult r = InfraLoader.parse("infra.yml", GOOD);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        Infra infra = r.infra();
        assertEquals(new Position("infra.yml", 12, 13), infra.source().at("domains.pro.machines.pro-dev.ip"));
        Machine m = infra.machine("pro-dev").orElseThrow();
        assertEquals("2", m.config().get("limits.cpu"), "numbers in config become Incus's text");
        assertEquals("true", m.config().get("boot.autostart"));
        assertEquals(Machine.Type.LXC, m.type());
        assertEquals(TrustLevel.TRUSTED, infra.domain("pro").orElseThrow().trustLevel());
        assertEquals(Global.GpuPolicy.EXCLUSIVE, infra.global().gpuPolicy());
        assertEquals(100, infra.global().zoneBase());
    }

    @Test
    void gpuDeviceKeysAreReadAndChecked() {
        String base = "project_name: x\nglobal:\n  gpu_device:\n    pci: \"0000:01:00.0\"\n    vendorid: \"10de\"\n    gid: 105\n"
                + "domains:\n  a:\n    machines:\n      m1:\n        gpu: true\n";
        LoadResult r = InfraLoader.parse("infra.yml", base);
        assertEquals(java.util.List.of(), r.problems());
        assertEquals(new io.anklume.core.infra.Global.GpuDevice("0000:01:00.0", "10de", null, "105"), r.infra().global().gpuDevice());
        assertEquals(java.util.Map.of("type", "gpu", "gputype", "physical", "pci", "0000:01:00.0", "vendorid", "10de", "gid", "105"),
                r.infra().global().gpuDeviceConfig());
        Problem bad = only(InfraLoader.parse("infra.yml", base.replace("gid: 105", "gid: render")));
        assertEquals("global.gpu_device.gid", bad.path());
        Problem pci = only(InfraLoader.parse("infra.yml", base.replace("0000:01:00.0", "01:00")));
        assertEquals("global.gpu_device.pci", pci.path());
    }

    @Test
    void tabsAreExplained() {
        Problem p = only(InfraLoader.parse("infra.yml", "project_name: x\ndomains:\n\tpro: {}\n"));
        assertEquals("infra.yml:3:1 invalid YAML: a tab character is used for indentation; indent with spaces", p.toString());
    }

    @Test
    void badIndentationIsOneClearError() {
        Problem p = only(InfraLoader.parse("infra.yml", "project_name: x\nglobal:\n  a: 1\n b: 2\n"));
        assertTrue(p.toString().startsWith("infra.yml:4:"), p.toString());
        assertTrue(p.message().contains("indentation"), p.toString());
    }

    @Test
    void duplicateKeysAreErrorsAtTheSecondOne() {
        LoadResult r = InfraLoader.parse("infra.yml", "project_name: x\nglobal: {}\ndomains:\n  a: {}\n  a: {}\n");
        assertTrue(r.problems().stream().anyMatch(p -> p.toString().startsWith("infra.yml:5:3 domains.a: duplicate key 'a' (first at line 4)")),
                r.problems().toString());
    }

    @Test
    void wrongTypesAreProblemsNotExceptions() {
        LoadResult r = InfraLoader.parse("infra.yml", "project_name: x\nglobal: {}\ndomains:\n  a:\n    machines: [m1, m2]\n    enabled: maybe\n");
        assertTrue(r.problems().stream().anyMatch(p -> p.message().equals("expected a mapping (key: value lines), got a list")));
        assertTrue(r.problems().stream().anyMatch(p -> p.path().equals("domains.a.enabled") && p.message().contains("true or false")));
    }

    @Test
    void emptyFileAndMissingSections() {
        assertEquals("infra.yml file is empty: expected project_name, global and domains",
                only(InfraLoader.parse("infra.yml", "  \n# nothing\n")).toString());
        LoadResult r = InfraLoader.parse("infra.yml", "project_name: x\n");
        assertTrue(r.problems().stream().anyMatch(p -> p.message().equals("missing required key 'domains'")));
    }

    @Test
    void binaryGarbageAndHugeFilesAreRefusedWithoutReading(@TempDir Path dir) throws Exception {
        Path binary = dir.resolve("infra.yml");
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        Files.write(binary, junk);
        Problem p = only(InfraLoader.load(binary));
        assertTrue(p.message().startsWith("not a text file"), p.toString());

        Path huge = dir.resolve("huge.yml");
        try (var out = Files.newBufferedWriter(huge)) {
            String line = "# " + "x".repeat(1000) + "\n";
            for (int i = 0; i < 50_000; i++) {
                out.write(line);
            }
        }
        Problem big = only(InfraLoader.load(huge));
        assertTrue(big.message().contains("the limit is 5 MB"), big.toString());
        assertNull(InfraLoader.load(huge).infra());
    }

    @Test
    void anklumeKeysThatAnklumeTuiDoesNotUseAreAccepted() {
        LoadResult r = InfraLoader.parse("infra.yml", """
                project_name: x
                global:
                  base_subnet: "10.100"
                  default_connection: community.general.incus
                  default_user: root
                  nesting_prefix: false
                  ai_access_policy: open
                domains:
                  a:
                    subnet_id: 0
                    machines:
                      m:
                        roles: [base_system, ollama_server]
                        storage_volumes: {data: {size: 10GiB}}
                        persistent_data: {home: /home}
                """);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals(List.of("base_system", "ollama_server"), r.infra().machine("m").orElseThrow().roles());
        assertTrue(r.infra().global().legacyAddressing());
    }

    @Test
    void natIsOnUnlessGlobalOrTheDomainSaysOtherwise() {
        Infra plain = InfraLoader.parse("infra.yml", GOOD).infra();
        assertTrue(plain.global().nat(), "anklume's bridges NAT by default");
        assertNull(plain.domain("pro").orElseThrow().nat());
        assertTrue(plain.domain("pro").orElseThrow().nat(plain.global()));

        LoadResult r = InfraLoader.parse("infra.yml", """
                project_name: x
                global:
                  nat: false
                domains:
                  a: {}
                  b: {nat: true}
                """);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        Global g = r.infra().global();
        assertEquals(false, g.nat());
        assertEquals(false, r.infra().domain("a").orElseThrow().nat(g));
        assertEquals(true, r.infra().domain("b").orElseThrow().nat(g));
    }

    @Test
    void aNatThatIsNotABooleanIsAnErrorAtItsPosition() {
        Problem global = only(InfraLoader.parse("infra.yml", "project_name: x\nglobal:\n  nat: sometimes\ndomains: {}\n"));
        assertEquals("infra.yml:3:8 global.nat: expected true or false, got text 'sometimes'", global.toString());
        Problem domain = only(InfraLoader.parse("infra.yml", "project_name: x\nglobal: {}\ndomains:\n  a:\n    nat: [x]\n"));
        assertTrue(domain.toString().startsWith("infra.yml:5:10 domains.a.nat: expected true or false"), domain.toString());
        Problem typo = only(InfraLoader.parse("infra.yml", "project_name: x\nglobal: {}\ndomains:\n  a:\n    nta: false\n"));
        assertTrue(typo.toString().contains("(did you mean 'nat'?)"), typo.toString());
    }
}
