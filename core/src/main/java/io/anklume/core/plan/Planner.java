package io.anklume.core.plan;

import io.anklume.core.infra.Infra;
import io.anklume.core.net.AddressPlan;
import io.anklume.core.policy.HostResources;
import io.anklume.core.policy.ResourceAllocation;
import io.anklume.core.policy.ResourceAllocator;
import io.anklume.incus.IncusClient;
import io.anklume.incus.model.Resources;
import java.time.Duration;

/** Reads Incus (a constant number of requests) and plans what converges it to an infra.yml. */
public final class Planner {
    private final IncusClient incus;
    private final ObservedStateReader reader;
    private final InFlightOperations inFlight;

    public Planner(IncusClient incus) {
        this.incus = incus;
        this.reader = new ObservedStateReader(incus);
        this.inFlight = new InFlightOperations(incus, Duration.ofMinutes(2));
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
        var projects = desired.domains().stream().map(DesiredState.DomainState::name)
                .filter(options::includes).toList();
        inFlight.awaitAll(projects);
        Plan plan = Differ.diff(desired, reader.read(projects), options);
        plan.actions().forEach(Planner::checkImage);
        return plan.withWarnings(limits.warnings());
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
