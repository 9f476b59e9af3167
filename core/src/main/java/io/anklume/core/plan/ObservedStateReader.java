package io.anklume.core.plan;

import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.Network;
import io.anklume.incus.model.Profile;
import io.anklume.incus.model.Project;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the observed state fresh: one request for projects, one for the instances of all projects
 * (recursion=1), and per domain one for its bridge and one for its project's profiles. The count never
 * grows with the number of instances, and the requests go out side by side: a re-plan waits for the
 * slowest one, not for their sum (the re-plan benchmark). Operations still running on the domains'
 * instances are waited for first.
 */
public final class ObservedStateReader implements ObservedStateSource {
    private static final int MAX_PARALLEL = 8;

    private final IncusClient incus;
    private final InFlightOperations inFlight;

    public ObservedStateReader(IncusClient incus) {
        this.incus = incus;
        this.inFlight = new InFlightOperations(incus, Duration.ofMinutes(2));
    }

    @Override
    public ObservedState read(Collection<String> domainProjects, Collection<String> bridges) {
        awaitInFlight(domainProjects);
        return assemble(domainProjects, bridges, fetch(ObservedKey.needed(domainProjects, bridges)));
    }

    /**
     * An apply that was killed leaves its operations running; planning before they end would see a
     * half-made instance. One request, then a wait only if something of these projects still runs.
     */
    void awaitInFlight(Collection<String> domainProjects) {
        inFlight.awaitAll(domainProjects);
    }

    /** The requests of these keys side by side; each key's answer, as {@link #assemble} takes them. */
    Map<ObservedKey, Object> fetch(Collection<ObservedKey> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_PARALLEL, keys.size()), r -> {
            Thread t = new Thread(r, "anklume-observe");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<ObservedKey, CompletableFuture<Object>> pending = new LinkedHashMap<>();
            for (ObservedKey key : keys) {
                pending.put(key, CompletableFuture.supplyAsync(() -> fetch(key), pool));
            }
            Map<ObservedKey, Object> answers = new LinkedHashMap<>();
            pending.forEach((key, answer) -> answers.put(key, join(answer)));
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private Object fetch(ObservedKey key) {
        if (key instanceof ObservedKey.Projects) {
            return incus.projects().list();
        }
        if (key instanceof ObservedKey.Instances) {
            return incus.instances().listAllProjects(false);
        }
        if (key instanceof ObservedKey.Bridge b) {
            // Bridges of projects without features.networks live in the default project; 404 is empty.
            return incus.networks().find(null, b.name());
        }
        if (key instanceof ObservedKey.Profiles p) {
            return profilesOf(p.project());
        }
        throw new IllegalArgumentException("unknown observed key " + key);
    }

    /** A project that does not exist yet answers 404: it simply has no profiles. */
    private List<Profile> profilesOf(String project) {
        try {
            return incus.profiles().list(project);
        } catch (IncusException e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    /** The observed state from the answers of {@link ObservedKey#needed} for these projects and bridges. */
    @SuppressWarnings("unchecked")
    static ObservedState assemble(Collection<String> domainProjects, Collection<String> bridges,
                                  Map<ObservedKey, Object> answers) {
        Map<String, Project> byName = index((List<Project>) answers.get(new ObservedKey.Projects()), Project::name);
        Map<String, Network> networks = new LinkedHashMap<>();
        for (String bridge : bridges) {
            ((Optional<Network>) answers.get(new ObservedKey.Bridge(bridge))).ifPresent(n -> networks.put(n.name(), n));
        }
        Map<String, Map<String, Profile>> profilesByProject = new LinkedHashMap<>();
        for (String project : domainProjects) {
            if (byName.containsKey(project)) {
                List<Profile> found = (List<Profile>) answers.get(new ObservedKey.Profiles(project));
                profilesByProject.put(project, index(found, Profile::name));
            }
        }
        List<Instance> instances = (List<Instance>) answers.get(new ObservedKey.Instances());
        return new ObservedState(byName, networks, profilesByProject, List.copyOf(instances));
    }

    /** The request's own exception (an IncusException with its message), not a wrapper. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> name) {
        return items.stream().collect(Collectors.toMap(name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }
}
