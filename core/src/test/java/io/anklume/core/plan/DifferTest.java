package io.anklume.core.plan;

import static io.anklume.core.plan.Fixtures.addInstance;
import static io.anklume.core.plan.Fixtures.addresses;
import static io.anklume.core.plan.Fixtures.converged;
import static io.anklume.core.plan.Fixtures.domain;
import static io.anklume.core.plan.Fixtures.infra;
import static io.anklume.core.plan.Fixtures.instance;
import static io.anklume.core.plan.Fixtures.machine;
import static io.anklume.core.plan.Fixtures.replaceInstance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.infra.Infra;
import io.anklume.core.infra.Machine;
import io.anklume.core.infra.TrustLevel;
import io.anklume.incus.model.Instance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DifferTest {
    private final Infra infra = infra(
            domain("pro", TrustLevel.TRUSTED,
                    machine("pro-dev", "pro", Map.of("limits.memory", "4GiB")),
                    machine("pro-web", "pro", Map.of())),
            domain("perso", TrustLevel.SEMI_TRUSTED, machine("perso-box", "perso", Map.of())));
    private final DesiredState desired = DesiredStateBuilder.build(infra, addresses(infra));

    private Plan diff(ObservedState observed) {
        return Differ.diff(desired, observed, PlanOptions.DEFAULT);
    }

    @Test
    void createsEverythingFromNothingInDomainOrder() {
        Plan plan = diff(Fixtures.empty());

        assertEquals(List.of(
                "create-project", "create-network", "update-profile", "create-instance", "create-instance",
                "create-project", "create-network", "update-profile", "create-instance"),
                plan.actions().stream().map(Action::kind).toList());
        assertEquals("+ create instance pro-dev in project pro", plan.diffLines().get(4));
        assertEquals("+ create project pro", plan.diffLines().get(0));
        assertEquals("+ create network net-pro 10.110.0.254/24", plan.diffLines().get(1));
    }

    @Test
    void createdInstanceCarriesMarkersStaticIpAndProtection() {
        Action.CreateInstance create = (Action.CreateInstance) diff(Fixtures.empty()).actions().get(3);

        assertEquals("true", create.config().get("user.anklume.managed"));
        assertEquals("pro", create.config().get("user.anklume.domain"));
        assertEquals("trusted", create.config().get("user.anklume.trust"));
        assertEquals("true", create.config().get("security.protection.delete"));
        assertEquals("4GiB", create.config().get("limits.memory"));
        assertEquals(Map.of("type", "nic", "name", "eth0", "network", "net-pro", "ipv4.address", "10.110.0.1"),
                create.devices().get("eth0"));
        assertEquals(List.of("default"), create.profiles());
        assertEquals("busybox", create.image());
        assertTrue(create.start());
    }

    @Test
    void nothingToDoWhenObservedMatchesDesired() {
        Plan plan = diff(converged(desired));

        assertTrue(plan.isEmpty(), () -> String.join("\n", plan.diffLines()));
    }

    @Test
    void singleLimitChangeGivesExactlyOneUpdate() {
        ObservedState observed = converged(desired);
        Instance dev = observed.instance("pro", "pro-dev").orElseThrow();
        Map<String, String> config = new LinkedHashMap<>(dev.config());
        config.put("limits.memory", "2GiB");
        observed = replaceInstance(observed, instance("pro", "pro-dev", "Running", config, dev.devices(), dev.profiles()));

        Plan plan = diff(observed);

        assertEquals(1, plan.size());
        Action.UpdateInstance update = assertInstanceOf(Action.UpdateInstance.class, plan.actions().get(0));
        assertEquals(List.of(new ConfigChange("limits.memory", "2GiB", "4GiB")), update.configChanges());
        assertEquals(List.of("~ update pro-dev limits.memory 2GiB → 4GiB"), plan.diffLines());
    }

    @Test
    void keysAndDevicesSetByHandAreIgnored() {
        ObservedState observed = converged(desired);
        Instance dev = observed.instance("pro", "pro-dev").orElseThrow();
        Map<String, String> config = new LinkedHashMap<>(dev.config());
        config.put("limits.cpu.allowance", "50%");
        config.put("user.note", "mine");
        config.put("volatile.idmap.next", "[]");
        Map<String, Map<String, String>> devices = new LinkedHashMap<>(dev.devices());
        devices.put("data", Map.of("type", "disk", "source", "/srv", "path", "/mnt"));
        observed = replaceInstance(observed, instance("pro", "pro-dev", "Running", config, devices, dev.profiles()));

        assertTrue(diff(observed).isEmpty());
    }

    @Test
    void keyAndDeviceDroppedFromTheFileAreRemoved() {
        ObservedState observed = converged(desired);
        Instance web = observed.instance("pro", "pro-web").orElseThrow();
        Map<String, String> config = new LinkedHashMap<>(web.config());
        config.put("limits.cpu", "2");
        config.put("user.anklume.config-keys", "limits.cpu,security.protection.delete");
        config.put("user.anklume.devices", "data,eth0");
        Map<String, Map<String, String>> devices = new LinkedHashMap<>(web.devices());
        devices.put("data", Map.of("type", "disk", "source", "/srv", "path", "/mnt"));
        observed = replaceInstance(observed, instance("pro", "pro-web", "Running", config, devices, web.profiles()));

        Action.UpdateInstance update = (Action.UpdateInstance) diff(observed).actions().get(0);

        assertEquals(List.of(
                new ConfigChange("user.anklume.config-keys", "limits.cpu,security.protection.delete",
                        "security.protection.delete"),
                new ConfigChange("user.anklume.devices", "data,eth0", "eth0"),
                new ConfigChange("limits.cpu", "2", null)), update.configChanges());
        assertEquals(1, update.deviceChanges().size());
        assertTrue(update.deviceChanges().get(0).isRemoval());
    }

    @Test
    void unmanagedInstanceIsNeverDeleted() {
        Instance stranger = instance("pro", "hand-made", "Running", Map.of("limits.cpu", "1"), Map.of(), List.of("default"));
        ObservedState observed = addInstance(converged(desired), stranger);

        assertTrue(Differ.diff(desired, observed, new PlanOptions(true, null)).isEmpty());
    }

    @Test
    void orphanIsDeletedOnlyWhenAsked() {
        Instance orphan = instance("pro", "old-box", "Running",
                Map.of("user.anklume.managed", "true", "user.anklume.domain", "pro"), Map.of(), List.of("default"));
        ObservedState observed = addInstance(converged(desired), orphan);

        assertTrue(diff(observed).isEmpty());
        Plan asked = Differ.diff(desired, observed, new PlanOptions(true, null));
        assertEquals(List.of("- delete orphan pro/old-box"), asked.diffLines());
    }

    @Test
    void stoppedInstanceIsStarted() {
        ObservedState observed = converged(desired);
        Instance web = observed.instance("pro", "pro-web").orElseThrow();
        observed = replaceInstance(observed, instance("pro", "pro-web", "Stopped", web.config(), web.devices(), web.profiles()));

        assertEquals(List.of("~ start instance pro-web in project pro"), diff(observed).diffLines());
    }

    @Test
    void domainFilterLimitsThePlan() {
        Plan plan = Differ.diff(desired, Fixtures.empty(), new PlanOptions(false, "perso"));

        assertTrue(plan.actions().stream().allMatch(a -> a.domain().equals("perso")));
        assertEquals(4, plan.size());
    }

    @Test
    void projectFeatureAndMarkersAreConverged() {
        ObservedState observed = converged(desired);
        Map<String, String> pc = new LinkedHashMap<>(observed.projects().get("pro").config());
        pc.put("features.images", "true");
        pc.put("user.anklume.stale", "x");
        pc.put("limits.instances", "10");
        observed.projects().put("pro", new io.anklume.incus.model.Project("pro", "", pc, List.of()));

        assertEquals(List.of("~ update project pro features.images true → false",
                "~ update project pro user.anklume.stale x → (unset)"), diff(observed).diffLines());
    }

    @Test
    void gpuMachineGetsTheGpuProfile() {
        Machine gpu = new Machine("ai", "lab", "", Machine.Type.LXC, null, null, true, true, List.of(), null, true, 50,
                "0 2 * * *", "12h", Map.of(), Map.of(), Map.of(), Map.of(), List.of());
        Infra withGpu = infra(domain("lab", TrustLevel.ADMIN, gpu));
        DesiredState d = DesiredStateBuilder.build(withGpu, addresses(withGpu));

        Plan plan = Differ.diff(d, Fixtures.empty(), PlanOptions.DEFAULT);

        assertTrue(plan.diffLines().contains("+ create profile gpu in project lab"), plan.diffLines()::toString);
        Action.CreateInstance create = (Action.CreateInstance) plan.actions().get(4);
        assertEquals(List.of("default", "gpu"), create.profiles());
        assertEquals("true", create.config().get("boot.autostart"));
        assertEquals("50", create.config().get("boot.autostart.priority"));
        assertEquals("12H", create.config().get("snapshots.expiry"));
        assertEquals(null, create.config().get("security.protection.delete"));
    }

    @Test
    void jsonFormNamesEveryAction() {
        String json = diff(Fixtures.empty()).toJson();

        assertTrue(json.contains("\"changes\" : 9"), json);
        assertTrue(json.contains("\"kind\" : \"create-instance\""), json);
        assertTrue(json.contains("+ create instance pro-dev in project pro"), json);
    }
}
