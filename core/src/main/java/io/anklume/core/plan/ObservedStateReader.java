package io.anklume.core.plan;

import io.anklume.incus.IncusClient;
import io.anklume.incus.model.Network;
import io.anklume.incus.model.Profile;
import io.anklume.incus.model.Project;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the observed state: one request for projects, one for networks, one for the instances of all
 * projects (recursion=1), and one profile list per existing domain project. The count never grows
 * with the number of instances.
 */
public final class ObservedStateReader {
    private final IncusClient incus;

    public ObservedStateReader(IncusClient incus) {
        this.incus = incus;
    }

    public ObservedState read(Collection<String> domainProjects) {
        Map<String, Project> projects = index(incus.projects().list(), Project::name);
        // Bridges of projects without features.networks live in the default project.
        Map<String, Network> networks = index(incus.networks().list(null), Network::name);
        Map<String, Map<String, Profile>> profiles = new LinkedHashMap<>();
        for (String project : domainProjects) {
            if (projects.containsKey(project)) {
                profiles.put(project, index(incus.profiles().list(project), Profile::name));
            }
        }
        return new ObservedState(projects, networks, profiles, List.copyOf(incus.instances().listAllProjects(false)));
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> name) {
        return items.stream().collect(Collectors.toMap(name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }
}
