package io.anklume.core.plan;

import io.anklume.core.plan.Action.CreateInstance;
import io.anklume.core.plan.Action.CreateNetwork;
import io.anklume.core.plan.Action.CreateProfile;
import io.anklume.core.plan.Action.CreateProject;
import io.anklume.core.plan.Action.DeleteInstance;
import io.anklume.core.plan.Action.StartInstance;
import io.anklume.core.plan.Action.UpdateInstance;
import io.anklume.core.plan.Action.UpdateNetwork;
import io.anklume.core.plan.Action.UpdateProfile;
import io.anklume.core.plan.Action.UpdateProject;
import io.anklume.core.plan.DesiredState.DomainState;
import io.anklume.core.plan.DesiredState.InstanceState;
import io.anklume.core.plan.DesiredState.ProfileState;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.Network;
import io.anklume.incus.model.Profile;
import io.anklume.incus.model.Project;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares desired and observed state. Only keys the desired state names, the {@code user.anklume.*}
 * markers, and the keys and devices the markers say anklume set earlier are compared; anything else on
 * an Incus object (volatile.*, keys set by hand) is never read nor changed.
 */
public final class Differ {
    private Differ() {}

    public static Plan diff(DesiredState desired, ObservedState observed, PlanOptions options) {
        List<Action> actions = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        // One pass to index what exists: looking each desired instance up in the list made a re-plan
        // of 1000 instances quadratic (PlanDiffBench).
        Map<String, Instance> existing = new HashMap<>();
        for (Instance i : observed.instances()) {
            existing.putIfAbsent(key(ObservedState.projectOf(i), i.name()), i);
        }
        for (DomainState d : desired.domains()) {
            if (!options.includes(d.name())) {
                continue;
            }
            project(d, observed, actions);
            network(d, observed, actions);
            for (ProfileState p : d.profiles()) {
                profile(d.name(), p, observed, actions);
            }
            for (InstanceState i : d.instances()) {
                wanted.add(key(i.project(), i.name()));
                instance(d.name(), i, Optional.ofNullable(existing.get(key(i.project(), i.name()))), actions);
            }
        }
        if (options.deleteOrphans()) {
            for (Instance i : observed.instances()) {
                String project = ObservedState.projectOf(i);
                boolean managed = "true".equals(config(i.config()).get(Markers.MANAGED));
                if (managed && options.includes(project) && !wanted.contains(key(project, i.name()))) {
                    actions.add(new DeleteInstance(project, project, i.name()));
                }
            }
        }
        return new Plan(actions);
    }

    private static void project(DomainState d, ObservedState observed, List<Action> actions) {
        Project p = observed.projects().get(d.project().name());
        if (p == null) {
            actions.add(new CreateProject(d.name(), d.project().name(), d.project().description(), d.project().config()));
            return;
        }
        List<ConfigChange> changes = configChanges(d.project().config(), config(p.config()), markersOf(p.config()));
        if (!changes.isEmpty()) {
            actions.add(new UpdateProject(d.name(), p.name(), changes));
        }
    }

    private static void network(DomainState d, ObservedState observed, List<Action> actions) {
        Network n = observed.networks().get(d.network().name());
        if (n == null) {
            actions.add(new CreateNetwork(d.name(), d.network().name(), d.network().description(), d.network().config()));
            return;
        }
        List<ConfigChange> changes = configChanges(d.network().config(), config(n.config()), markersOf(n.config()));
        if (!changes.isEmpty()) {
            actions.add(new UpdateNetwork(d.name(), n.name(), changes));
        }
    }

    private static void profile(String domain, ProfileState p, ObservedState observed, List<Action> actions) {
        Optional<Profile> found = observed.profile(p.project(), p.name());
        // Incus creates an empty "default" profile with every project that has features.profiles.
        if (found.isEmpty() && !p.name().equals("default")) {
            actions.add(new CreateProfile(domain, p.project(), p.name(), p.config(), p.devices()));
            return;
        }
        Map<String, String> config = found.map(Profile::config).map(Differ::config).orElse(Map.of());
        Map<String, Map<String, String>> devices = found.map(Profile::devices).map(Differ::devices).orElse(Map.of());
        List<ConfigChange> configChanges = configChanges(p.config(), config, Set.of());
        List<DeviceChange> deviceChanges = deviceChanges(p.devices(), devices, Set.of());
        if (!configChanges.isEmpty() || !deviceChanges.isEmpty()) {
            actions.add(new UpdateProfile(domain, p.project(), p.name(), configChanges, deviceChanges));
        }
    }

    private static String key(String project, String name) {
        return project + "/" + name;
    }

    private static void instance(String domain, InstanceState want, Optional<Instance> found, List<Action> actions) {
        if (found.isEmpty()) {
            actions.add(new CreateInstance(domain, want.project(), want.name(), want.type(), want.image(),
                    want.config(), want.devices(), want.profiles(), want.description(), true));
            return;
        }
        Instance have = found.get();
        Map<String, String> config = config(have.config());
        Set<String> removableKeys = new TreeSet<>(markersOf(config));
        removableKeys.addAll(Markers.splitNames(config.get(Markers.CONFIG_KEYS)));
        Set<String> removableDevices = new TreeSet<>(Markers.splitNames(config.get(Markers.DEVICES)));
        List<ConfigChange> configChanges = configChanges(want.config(), config, removableKeys);
        List<DeviceChange> deviceChanges = deviceChanges(want.devices(), devices(have.devices()), removableDevices);
        List<String> haveProfiles = have.profiles() == null ? List.of() : have.profiles();
        boolean profilesDiffer = !haveProfiles.equals(want.profiles());
        if (!configChanges.isEmpty() || !deviceChanges.isEmpty() || profilesDiffer) {
            actions.add(new UpdateInstance(domain, want.project(), want.name(), configChanges, deviceChanges,
                    profilesDiffer ? List.copyOf(haveProfiles) : null, profilesDiffer ? want.profiles() : null));
        }
        if ("Stopped".equalsIgnoreCase(have.status())) {
            actions.add(new StartInstance(domain, want.project(), want.name()));
        }
    }

    static List<ConfigChange> configChanges(Map<String, String> desired, Map<String, String> observed,
                                            Set<String> removable) {
        List<ConfigChange> changes = new ArrayList<>();
        desired.forEach((key, value) -> {
            String old = observed.get(key);
            if (!Objects.equals(old, value)) {
                changes.add(new ConfigChange(key, old, value));
            }
        });
        for (String key : new TreeSet<>(removable)) {
            if (!desired.containsKey(key) && observed.containsKey(key)) {
                changes.add(new ConfigChange(key, observed.get(key), null));
            }
        }
        return changes;
    }

    static List<DeviceChange> deviceChanges(Map<String, Map<String, String>> desired,
                                            Map<String, Map<String, String>> observed, Set<String> removable) {
        List<DeviceChange> changes = new ArrayList<>();
        desired.forEach((name, device) -> {
            Map<String, String> old = observed.get(name);
            if (!Objects.equals(old, device)) {
                changes.add(new DeviceChange(name, old, device));
            }
        });
        for (String name : new TreeSet<>(removable)) {
            if (!desired.containsKey(name) && observed.containsKey(name)) {
                changes.add(new DeviceChange(name, observed.get(name), null));
            }
        }
        return changes;
    }

    private static Set<String> markersOf(Map<String, String> config) {
        Set<String> keys = new TreeSet<>();
        config(config).keySet().stream().filter(Markers::isMarker).forEach(keys::add);
        return keys;
    }

    private static Map<String, String> config(Map<String, String> config) {
        return config == null ? Map.of() : config;
    }

    private static Map<String, Map<String, String>> devices(Map<String, Map<String, String>> devices) {
        return devices == null ? Map.of() : devices;
    }
}
