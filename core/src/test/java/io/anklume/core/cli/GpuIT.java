package io.anklume.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.ActionException;
import io.anklume.core.gpu.GpuPassthrough;
import io.anklume.core.infra.Global;
import io.anklume.core.infra.InfraFiles;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.plan.Action;
import io.anklume.core.plan.Applier;
import io.anklume.core.plan.ApplyListener;
import io.anklume.core.plan.ApplyReport;
import io.anklume.core.plan.IncusActionRunner;
import io.anklume.core.plan.Plan;
import io.anklume.core.plan.PlanOptions;
import io.anklume.core.plan.Planner;
import io.anklume.core.plan.lab.PlanLab;
import io.anklume.incus.IncusClient;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPU passthrough on the real daemon. There is no GPU here, so nothing with a GPU is started: the
 * tests check the config Incus accepts on stopped containers and that the policy refuses in time.
 */
class GpuIT {
    private static IncusLab lab;
    private static IncusClient incus;
    private static final Set<String> domains = new HashSet<>();
    private static final Set<Integer> zones = new HashSet<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        lab = IncusLab.create();
        incus = lab.client();
    }

    @AfterAll
    static void cleanUp() {
        if (lab != null) {
            try {
                PlanLab.removeDomains(incus, domains);
            } finally {
                lab.close();
            }
        }
    }

    @Test
    void gpuTrueLandsAsTheGpuProfileOnAStoppedContainerExactlyAsExpected() throws Exception {
        String domain = PlanLab.newDomainName();
        domains.add(domain);
        int zone = PlanLab.freeZone(incus, zones);
        Path file = Files.writeString(dir.resolve("gpu.yml"), """
                project_name: gpu-it
                global:
                  addressing: {base_octet: 10, zone_base: %d}
                  default_os_image: busybox
                  nat: false   # the test lab's bridges never NAT
                  gpu_policy: shared
                  gpu_device:
                    pci: "0000:01:00.0"
                    gid: 105
                domains:
                  %s:
                    trust_level: admin
                    machines:
                      %s-llm:
                        type: lxc
                        gpu: true
                """.formatted(zone, domain, domain));
        InfraFiles.Loaded loaded = InfraFiles.load(file);
        assertFalse(loaded.hasErrors(), loaded.problems().toString());

        Plan plan = new Planner(incus).plan(loaded.infra(), loaded.addresses(), PlanOptions.DEFAULT);
        // Created but not started: starting needs a GPU this machine does not have.
        List<Action> stopped = plan.actions().stream().filter(a -> !(a instanceof Action.StartInstance))
                .map(a -> a instanceof Action.CreateInstance c ? new Action.CreateInstance(c.domain(), c.project(),
                        c.name(), c.type(), c.image(), c.config(), c.devices(), c.profiles(), c.description(), false) : a)
                .toList();
        ApplyReport report = new Applier(new IncusActionRunner(incus), 2, new ApplyListener() { }).apply(new Plan(stopped));
        PlanLab.mark(incus, domain);
        assertTrue(report.succeeded(), report.lines().toString());

        Map<String, String> expected = Map.of("type", "gpu", "gputype", "physical", "pci", "0000:01:00.0", "gid", "105");
        Profile profile = incus.profiles().find(domain, "gpu").orElseThrow();
        assertEquals(Map.of("gpu", expected), profile.devices());
        Instance llm = incus.instances().get(domain, domain + "-llm");
        assertEquals(List.of("default", "gpu"), llm.profiles());
        assertEquals(expected, llm.expandedDevices().get("gpu"));
        assertEquals("Stopped", llm.status());
        assertTrue(new GpuPassthrough(incus, true).holders().contains(new InstanceRef(domain, domain + "-llm")));
    }

    @Test
    void exclusivePolicyRefusesASecondGpuMachineBeforeAnyIncusCall() throws Exception {
        String domain = PlanLab.newDomainName();
        Path file = Files.writeString(dir.resolve("two.yml"), """
                project_name: gpu-it
                global:
                  addressing: {base_octet: 10, zone_base: 150}
                  default_os_image: busybox
                  nat: false   # the test lab's bridges never NAT
                domains:
                  %s:
                    trust_level: admin
                    machines:
                      %s-a:
                        gpu: true
                      %s-b:
                        gpu: true
                """.formatted(domain, domain, domain));
        CliRun cli = new CliRun(incus);
        for (String command : List.of("plan", "apply")) {
            CliRun.Result r = command.equals("apply") ? cli.run(command, file.toString(), "--yes")
                    : cli.run(command, file.toString());
            assertEquals(1, r.code(), r.all());
            assertTrue(r.err().contains("GPU policy is 'exclusive' but 2 instances have GPU access: " + domain + "-a, "
                    + domain + "-b"), r.err());
        }
        assertEquals(0, cli.connections.get(), "Incus was contacted");
        assertTrue(incus.projects().find(domain).isEmpty());
    }

    @Test
    void attachChecksThePolicyFirstAndOnlyOnStoppedInstances() {
        lab.instance("g1", Map.of(), false);
        lab.instance("g2", Map.of(), false);
        InstanceRef g1 = new InstanceRef(lab.project(), "g1");
        InstanceRef g2 = new InstanceRef(lab.project(), "g2");
        GpuPassthrough gpus = new GpuPassthrough(incus, false);
        var shared = new GpuPassthrough.Settings(Global.GpuPolicy.SHARED,
                new Global.GpuDevice(null, "10de", null, "44").device());

        gpus.attach(g1, shared);
        assertEquals(Map.of("type", "gpu", "gputype", "physical", "vendorid", "10de", "gid", "44"),
                incus.instances().get(g1.project(), "g1").devices().get("gpu"));

        ActionException refused = assertThrows(ActionException.class, () -> gpus.attach(g2, GpuPassthrough.Settings.DEFAULT));
        assertTrue(refused.getMessage().contains(g1.toString()) && refused.getMessage().contains(g2.toString()),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("exclusive"), refused.getMessage());
        assertNull(incus.instances().get(g2.project(), "g2").devices().get("gpu"));

        String warning = gpus.attach(g2, shared);
        assertTrue(warning != null && warning.contains(g1.toString()), warning);
        assertTrue(incus.instances().get(g2.project(), "g2").devices().containsKey("gpu"));

        gpus.detach(g2);
        assertFalse(incus.instances().get(g2.project(), "g2").devices().containsKey("gpu"));
        assertEquals("eth0", lab.client().instances().get(g2.project(), "g2").expandedDevices().get("eth0").get("name"));

        lab.launch("g3");
        InstanceRef g3 = new InstanceRef(lab.project(), "g3");
        ActionException running = assertThrows(ActionException.class, () -> gpus.attach(g3, shared));
        assertTrue(running.getMessage().contains("Running") && running.getMessage().contains("stop it first"),
                running.getMessage());
        assertFalse(incus.instances().get(g3.project(), "g3").devices().containsKey("gpu"));
    }

    @Test
    void gpuListShowsTheHostsCardsAndTheHolders() {
        CliRun.Result r = new CliRun(incus).run("gpu", "list");
        assertEquals(0, r.code(), r.all());
        int cards = incus.server().resources().gpu().total();
        assertTrue(cards > 0 || r.out().contains("No GPU on this host"), r.out());
        assertTrue(r.out().contains("Instances with a GPU: "), r.out());
    }
}
