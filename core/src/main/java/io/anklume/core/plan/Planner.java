package io.anklume.core.plan;

import io.anklume.core.infra.Infra;
import io.anklume.core.net.AddressPlan;
import io.anklume.core.policy.GpuGuard;
import io.anklume.core.policy.HostResources;
import io.anklume.core.policy.ResourceAllocation;
import io.anklume.core.policy.ResourceAllocator;
import io.anklume.incus.IncusClient;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads Incus (requests that do not grow with the instances) and plans what converges it to an infra.yml. */
public final class Planner {
    private final IncusClient incus;
    private final ObservedStateSource observed;

    /** Reads Incus fresh on every plan. */
    public Planner(IncusClient incus) {
        this(incus, new ObservedStateReader(incus));
    }

    /** Gets the observed state from {@code observed} (e.g. the TUI's {@link ObservedStateCache}). */
    public Planner(IncusClient incus, ObservedStateSource observed) {
        this.incus = incus;
        this.observed = observed;
    }

    public Plan plan(Infra infra, AddressPlan addresses, PlanOptions options) {
        ResourceAllocation limits = resourceLimits(infra);
        if (limits.refused()) {
            throw new PlanException(limits.overcommitError());
        }
        DesiredState desired = DesiredStateBuilder.build(infra, addresses, limits);
        if (options.domain() != null && desired.domains().stream().noneMatch(d -> d.name().equals(options.domain()))) {
            throw new PlanException("domain " + options.domain() + " is not an enabled domain of the infra file");
        }
        var domains = desired.domains().stream().filter(d -> options.includes(d.name())).toList();
        // The differ looks only at these domains' bridges, so only they are read.
        ObservedState observed = this.observed.read(domains.stream().map(DesiredState.DomainState::name).toList(),
                domains.stream().map(d -> d.network().name()).toList());
        Plan plan = Differ.diff(desired, observed, options);
        plan.actions().forEach(Planner::checkImage);
        List<String> warnings = new ArrayList<>(limits.warnings());
        warnings.addAll(gpuWarnings(infra, desired, observed));
        return plan.withWarnings(warnings);
    }

    /**
     * The GPU policy against what Incus already runs: a machine that is to get the GPU is refused
     * under {@code exclusive} when another instance (managed or not) already has one.
     */
    private static List<String> gpuWarnings(Infra infra, DesiredState desired, ObservedState observed) {
        List<String> holders = observed.instances().stream().filter(Planner::hasGpu).map(Instance::name).toList();
        List<String> warnings = new ArrayList<>();
        for (DesiredState.DomainState d : desired.domains()) {
            for (DesiredState.InstanceState i : d.instances()) {
                boolean wantsGpu = i.profiles().contains(DesiredStateBuilder.GPU_PROFILE);
                if (!wantsGpu || holders.contains(i.name())) {
                    continue;
                }
                GpuGuard.Verdict verdict = GpuGuard.check(infra.global().gpuPolicy(), i.name(), holders);
                if (verdict instanceof GpuGuard.Verdict.Refused r) {
                    throw new PlanException(r.reason());
                }
                if (verdict instanceof GpuGuard.Verdict.AllowedWithWarning w) {
                    warnings.add(w.warning());
                }
            }
        }
        return warnings;
    }

    private static boolean hasGpu(Instance i) {
        Map<String, Map<String, String>> devices = i.expandedDevices() != null ? i.expandedDevices() : i.devices();
        return devices != null && devices.values().stream().anyMatch(d -> "gpu".equals(d.get("type")));
    }

    /** One extra request, only when the file has a resource_policy. */
    private ResourceAllocation resourceLimits(Infra infra) {
        if (infra.global().resourcePolicy() == null) {
            return ResourceAllocation.none();
        }
        Resources host = incus.server().resources();
        return ResourceAllocator.allocate(infra, new HostResources(host.cpu().total(), host.memory().total()));
    }

    private static void checkImage(Action action) {
        if (action instanceof Action.CreateInstance c) {
            if (c.image() == null || c.image().isBlank()) {
                throw new PlanException("instance " + c.name() + ": no os_image and no global default_os_image");
            }
            int colon = c.image().indexOf(':');
            if (colon >= 0) {
                String local = c.image().substring(colon + 1);
                throw new PlanException("instance " + c.name() + ": image " + c.image() + " is on remote '"
                        + c.image().substring(0, colon) + "'; anklume-tui creates instances from local images only."
                        + " Copy it first (incus image copy " + c.image() + " local: --alias " + local
                        + ") and set os_image: " + local);
            }
        }
    }
}
