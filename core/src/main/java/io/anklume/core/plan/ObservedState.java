package io.anklume.core.plan;

import io.anklume.incus.model.Instance;
import io.anklume.incus.model.Network;
import io.anklume.incus.model.Profile;
import io.anklume.incus.model.Project;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Incus holds now, read by an {@link ObservedStateSource}. {@code networks} holds only the domains'
 * bridges that exist: the planner reads nothing else.
 */
public record ObservedState(Map<String, Project> projects, Map<String, Network> networks,
                            Map<String, Map<String, Profile>> profilesByProject, List<Instance> instances) {

    public Optional<Profile> profile(String project, String name) {
        return Optional.ofNullable(profilesByProject.getOrDefault(project, Map.of()).get(name));
    }

    public Optional<Instance> instance(String project, String name) {
        return instances.stream()
                .filter(i -> i.name().equals(name) && project.equals(projectOf(i)))
                .findFirst();
    }

    static String projectOf(Instance i) {
        return i.project() == null || i.project().isEmpty() ? "default" : i.project();
    }
}
