package io.anklume.tui.bench;

import io.anklume.core.infra.InfraFiles;
import io.anklume.core.net.HostNetworks;
import io.anklume.core.plan.DesiredState;
import io.anklume.core.plan.DesiredStateBuilder;
import io.anklume.core.plan.Differ;
import io.anklume.core.plan.ObservedState;
import io.anklume.core.plan.Plan;
import io.anklume.core.plan.PlanOptions;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.Network;
import io.anklume.incus.model.Profile;
import io.anklume.incus.model.Project;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The plan diff of N instances, the CPU part of every re-plan: desired state from an infra file of N
 * machines against an observed state that already matches it (the no-op re-plan) and against an
 * empty Incus (the first apply). Loading the file and reading Incus are not in the loop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PlanDiffBench {
    static final int PER_DOMAIN = 50;

    @Param({"100", "1000"})
    public int instances;

    private DesiredState desired;
    private ObservedState converged;
    private ObservedState empty;

    @Setup
    public void setUp() {
        InfraFiles.Loaded loaded = InfraFiles.parse("bench-infra.yml", infraText(instances), HostNetworks.none());
        if (loaded.hasErrors()) {
            throw new IllegalStateException("bench infra is invalid: " + loaded.problems());
        }
        desired = DesiredStateBuilder.build(loaded.infra(), loaded.addresses());
        converged = observedMatching(desired);
        empty = new ObservedState(Map.of(), Map.of(), Map.of(), List.of());
        int noop = Differ.diff(desired, converged, PlanOptions.DEFAULT).actions().size();
        if (noop != 0) {
            throw new IllegalStateException("the converged state still plans " + noop + " actions");
        }
    }

    @Benchmark
    public Plan noOpDiff() {
        return Differ.diff(desired, converged, PlanOptions.DEFAULT);
    }

    @Benchmark
    public Plan firstApplyDiff() {
        return Differ.diff(desired, empty, PlanOptions.DEFAULT);
    }

    static String infraText(int machines) {
        StringBuilder yaml = new StringBuilder("""
                project_name: bench
                global:
                  addressing: {base_octet: 10, zone_base: 100}
                  default_os_image: busybox
                domains:
                """);
        for (int n = 0; n < machines; n++) {
            if (n % PER_DOMAIN == 0) {
                yaml.append("  d").append(n / PER_DOMAIN).append(":\n    trust_level: trusted\n    machines:\n");
            }
            yaml.append("      m").append(n).append(":\n        config: {limits.memory: 64MiB}\n");
        }
        return yaml.toString();
    }

    /** What Incus holds after the plan was applied: every desired object with its keys and devices. */
    static ObservedState observedMatching(DesiredState desired) {
        Map<String, Project> projects = new LinkedHashMap<>();
        Map<String, Network> networks = new LinkedHashMap<>();
        Map<String, Map<String, Profile>> profiles = new LinkedHashMap<>();
        List<Instance> instances = new ArrayList<>();
        for (DesiredState.DomainState d : desired.domains()) {
            projects.put(d.project().name(), new Project(d.project().name(), d.project().description(),
                    d.project().config(), List.of()));
            networks.put(d.network().name(), new Network(d.network().name(), "bridge", d.network().description(), true,
                    "Created", d.network().config(), List.of(), "default"));
            Map<String, Profile> own = new LinkedHashMap<>();
            for (DesiredState.ProfileState p : d.profiles()) {
                own.put(p.name(), new Profile(p.name(), "", p.config(), p.devices(), List.of(), p.project()));
            }
            profiles.put(d.name(), own);
            for (DesiredState.InstanceState i : d.instances()) {
                instances.add(new Instance(i.name(), i.project(), i.type(), "Running", 103, "none", i.description(),
                        i.config(), i.devices(), i.profiles(), false, false, null, null, i.config(), i.devices(), null, null));
            }
        }
        return new ObservedState(projects, networks, profiles, instances);
    }
}
