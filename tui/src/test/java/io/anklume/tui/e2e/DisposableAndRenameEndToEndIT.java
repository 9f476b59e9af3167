package io.anklume.tui.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.disposable.Disposables;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar in tmux against the lab: a disposable is drawn as what it is, and a rename from the
 * keyboard carries the machine (and the routes under it) in infra.yml. Each test filters to its own
 * rows first, so other instances on the daemon do not push them off screen.
 */
class DisposableAndRenameEndToEndIT {
    static final Duration WAIT = Duration.ofSeconds(20);
    static IncusLab lab;

    @BeforeAll
    static void up() {
        lab = IncusLab.create();
        // The lab project plays an applied domain of trust level trusted, as the planner marks projects.
        Project p = lab.client().projects().find(lab.project()).orElseThrow();
        Map<String, String> config = new HashMap<>(p.config());
        config.put("user.anklume.managed", "true");
        config.put("user.anklume.trust", "trusted");
        lab.client().projects().update(lab.project(), p.description(), config);
    }

    @AfterAll
    static void down() {
        lab.close();
    }

    static Tmux start(Path infra) {
        Path jar = Path.of("target", "anklume-tui.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("no " + jar + ": the end-to-end tests run after mvn package");
        }
        return Tmux.start(120, 40, "exec java -jar " + jar + " --infra " + infra);
    }

    @Test
    void aDisposableIsDrawnAsDisposableInItsDomainAndAdoptionSaysWhyNot(@TempDir Path dir) throws Exception {
        Path infra = dir.resolve("infra.yml");
        Files.writeString(infra, "project_name: e2e\nglobal:\n  addressing: {base_octet: 10, zone_base: 150}\ndomains: {}\n");
        Disposables disposables = new Disposables(lab.client(), Clock.systemUTC(), false);
        InstanceRef disp = disposables.launch("busybox", lab.project());
        try (Tmux t = start(infra)) {
            t.filterRows(disp.name(), WAIT);
            java.util.function.Predicate<String> isTheRow = l -> l.contains(disp.name()) && l.contains("disposable");
            String screen = t.waitFor("the disposable row", s -> s.lines().anyMatch(isTheRow), WAIT);
            // The row itself: once the filter is applied, the header names the disposable too.
            String row = screen.lines().filter(isTheRow).findFirst().orElseThrow();
            assertTrue(row.contains("[TRU]") && row.contains(lab.project()), row);
            assertFalse(row.contains("?" + disp.name()) || row.contains("UNTRACKED"), row);
            t.keys("a");
            t.waitForText("a disposable is deleted when it stops", WAIT);
            t.keys("q");
        } finally {
            disposables.discard(disp);
        }
    }

    @Test
    void mRenamesAStoppedInstanceAndItsMachineWithTheRoutesUnderIt(@TempDir Path dir) throws Exception {
        String web = lab.name("web");
        String site = lab.name("site");
        lab.instance(web, Map.of("user.anklume.managed", "true", "user.anklume.domain", lab.project(),
                "user.anklume.trust", "trusted"), false);
        Path infra = dir.resolve("infra.yml");
        // No Caddy listens on the discard port: the rename must still go through and say Caddy is behind.
        Files.writeString(infra, """
                project_name: e2e
                global:
                  addressing: {base_octet: 10, zone_base: 150}
                  routing: {caddy_admin: "http://127.0.0.1:9", server: e2e, tls: off}
                domains:
                  %s:
                    machines:
                      %s:   # the web site
                        routes:
                          - host: e2e.test
                            port: 8080
                """.formatted(lab.project(), web));
        try (Tmux t = start(infra)) {
            t.filterRows(lab.suffix(), WAIT);
            t.waitFor(web + " listed, stopped", s -> s.lines().anyMatch(l -> l.contains(web) && l.contains("Stopped")), WAIT);
            t.keys("m");
            t.waitForText("rename " + lab.project() + "/" + web + " to: " + web, WAIT);
            t.keys("C-u");
            t.type(site);
            t.keys("Enter");
            t.waitForText("renamed " + lab.project() + "/" + web + " to " + site, WAIT);
            t.waitFor(site + " listed instead of " + web, s -> s.lines().anyMatch(l -> l.startsWith(site))
                    && s.lines().noneMatch(l -> l.startsWith(web)), WAIT);
            t.keys("q");
        }
        String written = Files.readString(infra);
        assertTrue(written.contains("      " + site + ":   # the web site\n        routes:\n          - host: e2e.test"), written);
        assertTrue(lab.client().instances().list(lab.project(), false).stream().anyMatch(i -> i.name().equals(site)));
    }
}
