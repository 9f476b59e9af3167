package io.anklume.core.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One request of the observed state: the unit {@link ObservedStateReader} reads side by side, and the
 * unit {@link ObservedStateCache} keeps and an Incus event drops.
 */
sealed interface ObservedKey {

    /** {@code GET /1.0/projects?recursion=1}. */
    record Projects() implements ObservedKey {}

    /** {@code GET /1.0/instances?all-projects=true&recursion=1}. */
    record Instances() implements ObservedKey {}

    /** {@code GET /1.0/networks/<name>} in the default project, where the domains' bridges live. */
    record Bridge(String name) implements ObservedKey {}

    /** {@code GET /1.0/profiles?project=<project>&recursion=1}. */
    record Profiles(String project) implements ObservedKey {}

    /** Every request a plan of these domain projects and bridges needs. */
    static List<ObservedKey> needed(Collection<String> projects, Collection<String> bridges) {
        List<ObservedKey> keys = new ArrayList<>(List.of(new Projects(), new Instances()));
        new LinkedHashSet<>(bridges).forEach(b -> keys.add(new Bridge(b)));
        new LinkedHashSet<>(projects).forEach(p -> keys.add(new Profiles(p)));
        return keys;
    }
}
