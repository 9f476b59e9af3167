package io.anklume.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.disposable.Disposables;
import io.anklume.core.lifecycle.ShellSession;
import io.anklume.incus.IncusClient;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.ExecResult;
import io.anklume.incus.model.Instance;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** anklume-tui disposable on the real daemon: an ephemeral disp-<timestamp> that is gone once stopped. */
class DisposableIT {
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

    private static Run cli(Clock clock, ShellAttacher attacher, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment env = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new BufferedReader(new StringReader("")),
                DefaultInfraSource.INSTANCE, i -> null, () -> new Unclosable(incus), () -> false);
        int code = new Cli(env, clock, attacher).run(List.of(args));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static boolean exists(String name) {
        return incus.instances().list(lab.project(), false).stream().anyMatch(i -> i.name().equals(name));
    }

    @Test
    void launchedWithoutAttachItRunsAsEphemeralAndIsGoneOnceStopped() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:15:00Z"), ZoneOffset.UTC);
        Run run = cli(clock, ShellAttacher.NONE, "disposable", "--no-attach", "--image", "busybox", "--domain", lab.project());
        assertEquals(0, run.code(), run.out() + run.err());
        String name = "disp-20261203-101500";
        assertTrue(run.out().contains("launched " + lab.project() + "/" + name), run.out());

        Instance i = incus.instances().get(lab.project(), name);
        assertTrue(i.ephemeral());
        assertTrue(i.isRunning(), i.status());
        assertEquals("true", i.config().get(Disposables.MARKER));
        ExecResult r = lab.exec(name, "sh", "-c", "echo scratch > /tmp/x && cat /tmp/x");
        assertEquals("scratch\n", r.stdout());

        Run second = cli(clock, ShellAttacher.NONE, "disposable", "--no-attach", "--image", "busybox", "--domain", lab.project());
        assertEquals(0, second.code(), second.err());
        assertTrue(exists(name + "-2"), "the same second gets another name");

        new Disposables(incus, clock, false).discard(new io.anklume.core.inventory.InstanceRef(lab.project(), name));
        assertTrue(!exists(name), "stopping an ephemeral instance deletes it");
        new Disposables(incus, clock, false).discard(new io.anklume.core.inventory.InstanceRef(lab.project(), name + "-2"));
        assertTrue(!exists(name + "-2"));
    }

    @Test
    void theAttachedShellTalksOverTheExecWebsocketAndTheInstanceIsGoneWhenItExits() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T11:00:00Z"), ZoneOffset.UTC);
        AtomicReference<String> seen = new AtomicReference<>("");
        ShellAttacher scripted = (opener, title) -> {
            try (ShellSession shell = opener.open(100, 30, "dumb")) {
                shell.stdin().write("stty size; echo marker-$((6*7)); exit 3\n".getBytes(StandardCharsets.UTF_8));
                shell.stdin().flush();
                seen.set(new String(shell.output().readAllBytes(), StandardCharsets.UTF_8));
                return shell.waitFor(Duration.ofSeconds(20));
            }
        };

        Run run = cli(clock, scripted, "disposable", "--image", "busybox", "--domain", lab.project());

        assertEquals(3, run.code(), run.out() + run.err());
        assertTrue(seen.get().contains("marker-42"), seen.get());
        assertTrue(seen.get().contains("30 100"), "PTY size from the front end: " + seen.get());
        assertTrue(run.out().contains("stopped " + lab.project() + "/disp-20261203-110000"), run.out());
        assertTrue(!exists("disp-20261203-110000"));
    }

    @Test
    void aDisposableShowsInItsDomainWithItsTrustAndIsNotOfferedForAdoption() throws Exception {
        // The lab project plays an applied domain of trust level trusted (as the planner marks projects).
        io.anklume.incus.model.Project p = incus.projects().find(lab.project()).orElseThrow();
        java.util.Map<String, String> config = new java.util.HashMap<>(p.config());
        config.put("user.anklume.managed", "true");
        config.put("user.anklume.trust", "trusted");
        incus.projects().update(lab.project(), p.description(), config);
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);
        Disposables disposables = new Disposables(incus, clock, false);
        io.anklume.core.inventory.InstanceRef ref = disposables.launch("busybox", lab.project());
        try (var inventory = new io.anklume.core.inventory.LiveInventory(incus, Clock.systemUTC(),
                io.anklume.core.inventory.InventorySettings.defaults()).start()) {
            assertTrue(inventory.awaitLoaded(Duration.ofSeconds(20)), "first load");
            var view = inventory.current().instances().stream().filter(v -> v.ref().equals(ref)).findFirst().orElseThrow();
            assertTrue(view.disposable() && !view.untracked() && !view.managed(), view.toString());
            assertEquals(lab.project(), view.domain());
            assertEquals(io.anklume.core.infra.TrustLevel.TRUSTED, view.trust());
            assertTrue(!new io.anklume.core.adopt.Adoption(incus, false).untracked().contains(ref), "not an adoption candidate");
        } finally {
            disposables.discard(ref);
            incus.projects().update(lab.project(), p.description(), p.config());
        }
        assertTrue(!exists(ref.name()));
    }

    @Test
    void withoutAnImageItSaysWhatToGive() {
        Run run = cli(Clock.systemUTC(), ShellAttacher.NONE, "disposable", "--no-attach", "--domain", lab.project());
        assertEquals(1, run.code());
        assertTrue(run.err().contains("no image: give one (e.g. --image busybox)"), run.err());
    }

}
