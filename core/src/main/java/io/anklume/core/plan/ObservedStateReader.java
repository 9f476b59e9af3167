package io.anklume.core.plan;

import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.Network;
import io.anklume.incus.model.Profile;
import io.anklume.incus.model.Project;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads the observed state: one request for projects, one for networks, one for the instances of all
 * projects (recursion=1), and one profile list per domain project. The count never grows with the
 * number of instances, and the requests go out side by side: a re-plan waits for the slowest one,
 * not for their sum (the re-plan benchmark).
 */
public final class ObservedStateReader {
    private final IncusClient incus;

    public ObservedStateReader(IncusClient incus) {
        this.incus = incus;
    }

    public ObservedState read(Collection<String> domainProjects) {
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "anklume-observe");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture<List<Project>> projects = async(pool, () -> incus.projects().list());
            // Bridges of projects without features.networks live in the default project.
            CompletableFuture<List<Network>> networks = async(pool, () -> incus.networks().list(null));
            CompletableFuture<List<Instance>> instances = async(pool, () -> incus.instances().listAllProjects(false));
            // A project that does not exist yet answers 404: it simply has no profiles.
            Map<String, CompletableFuture<List<Profile>>> profiles = new LinkedHashMap<>();
            for (String project : domainProjects) {
                profiles.put(project, async(pool, () -> profilesOf(project)));
            }
            Map<String, Project> byName = index(join(projects), Project::name);
            Map<String, Map<String, Profile>> profilesByProject = new LinkedHashMap<>();
            profiles.forEach((project, list) -> {
                List<Profile> found = join(list);
                if (byName.containsKey(project)) {
                    profilesByProject.put(project, index(found, Profile::name));
                }
            });
            return new ObservedState(byName, index(join(networks), Network::name), profilesByProject,
                    List.copyOf(join(instances)));
        } finally {
            pool.shutdownNow();
        }
    }

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

    private static <T> CompletableFuture<T> async(ExecutorService pool, Supplier<T> request) {
        return CompletableFuture.supplyAsync(request, pool);
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
