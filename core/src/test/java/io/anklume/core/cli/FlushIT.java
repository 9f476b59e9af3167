package io.anklume.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.flush.NftTable;
import io.anklume.core.plan.lab.PlanLab;
import io.anklume.incus.IncusClient;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstanceCreate;
import io.anklume.incus.model.InstanceSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * flush on the real daemon and the real nft: untracked and protected instances stay (and what they
 * use), the rest goes. The nft table is a test table of this run, never the real {@code inet anklume}.
 */
class FlushIT {
    private static IncusClient incus;
    private static String domain;
    private static final String TABLE = "anklume_t" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        incus = PlanLab.connect();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try {
            if (incus != null) {
                try {
                    if (domain != null) {
                        PlanLab.removeDomain(incus, domain);
                    }
                } finally {
                    incus.close();
                }
            }
        } finally {
            if (new NftTable(TABLE).exists()) {
                new NftTable(TABLE).delete();
            }
        }
    }

    @Test
    void flushLeavesUntrackedAndProtectedInstancesAloneAndRemovesTheRest() throws Exception {
        domain = PlanLab.newDomainName();
        String d = domain;
        int zone = PlanLab.freeZone(incus, new HashSet<>());
        Path file = Files.writeString(dir.resolve("flush.yml"), """
                project_name: flush-it
                global:
                  addressing: {base_octet: 10, zone_base: %1$d}
                  default_os_image: busybox
                  nat: false   # the test lab's bridges never NAT
                domains:
                  %2$s:
                    trust_level: admin
                    profiles:
                      extra:
                        config:
                          limits.processes: "300"
                    machines:
                      %2$s-keep:
                        type: lxc
                      %2$s-gone:
                        ephemeral: true
                        profiles: [default, extra]
                """.formatted(zone, d));
        CliRun cli = new CliRun(incus);
        CliRun.Result apply = cli.run("apply", file.toString(), "--yes");
        PlanLab.mark(incus, d);
        assertEquals(0, apply.code(), apply.all());
        incus.instances().create(d, new InstanceCreate(d + "-hand", "container", InstanceSource.imageAlias(IncusLab.IMAGE),
                List.of("default"), false, Map.of("user.note", "mine"), Map.of(), "", true)).await(Duration.ofSeconds(60));
        nft("add", "table", "inet", TABLE);
        nft("add", "chain", "inet", TABLE, "isolation");
        nft("add", "rule", "inet", TABLE, "isolation", "iifname", "net-" + d, "oifname", "net-" + d, "accept");

        CliRun.Result unconfirmed = cli.run("flush", file.toString(), "--nft-table", TABLE);
        assertEquals(1, unconfirmed.code(), unconfirmed.all());
        assertTrue(unconfirmed.out().contains("- delete instance " + d + "/" + d + "-gone"), unconfirmed.out());
        assertEquals(3, incus.instances().list(d, false).size());

        CliRun.Result first = cli.run("flush", file.toString(), "--yes", "--nft-table", TABLE);
        assertEquals(0, first.code(), first.all());
        String out = first.out();
        assertTrue(out.contains("keep instance " + d + "/" + d + "-hand: untracked"), out);
        assertTrue(out.contains("keep instance " + d + "/" + d + "-keep: protected"), out);
        assertTrue(out.contains("keep project " + d + ": still holds instances that stay"), out);
        assertTrue(out.contains("keep bridge net-" + d + ": used by"), out);
        assertTrue(out.contains("keep nft table inet " + TABLE + ": still isolates net-" + d), out);
        assertEquals(List.of(d + "-hand", d + "-keep"), names(d));
        assertTrue(incus.profiles().find(d, "extra").isEmpty(), "the profile of the deleted instance goes");
        assertTrue(new NftTable(TABLE).exists());

        CliRun.Result forced = cli.run("flush", file.toString(), "--yes", "--force", "--nft-table", TABLE);
        assertEquals(0, forced.code(), forced.all());
        assertTrue(forced.out().contains("(protection lifted: --force)"), forced.out());
        assertEquals(List.of(d + "-hand"), names(d));
        Instance hand = incus.instances().get(d, d + "-hand");
        assertTrue(hand.isRunning());
        assertEquals("mine", hand.config().get("user.note"));
        assertFalse(hand.config().containsKey("user.anklume.managed"));
        assertTrue(incus.projects().find(d).isPresent());
        assertTrue(incus.networks().find(null, "net-" + d).isPresent());

        IncusLab.forceDelete(incus, d, d + "-hand");
        CliRun.Result last = cli.run("flush", file.toString(), "--yes", "--nft-table", TABLE);
        assertEquals(0, last.code(), last.all());
        assertTrue(last.out().contains("deleted nft table inet " + TABLE), last.out());
        assertTrue(incus.projects().find(d).isEmpty());
        assertTrue(incus.networks().find(null, "net-" + d).isEmpty());
        assertFalse(new NftTable(TABLE).exists());
        CliRun.Result nothing = cli.run("flush", file.toString(), "--yes", "--nft-table", TABLE);
        assertTrue(nothing.out().contains("Nothing to flush."), nothing.out());
    }

    private static List<String> names(String project) {
        return incus.instances().list(project, false).stream().map(Instance::name).sorted().toList();
    }

    private static void nft(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("nft"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + output);
    }
}
