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
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstanceCreate;
import io.anklume.incus.model.InstancePut;
import io.anklume.incus.model.InstanceSource;
import io.anklume.incus.model.Network;
import io.anklume.incus.model.Profile;
import io.anklume.incus.model.Project;
import io.anklume.incus.model.StateAction;
import io.anklume.incus.model.Tagged;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Carries out plan actions against Incus. Each action re-reads what it modifies, so it is safe to retry. */
public final class IncusActionRunner implements ActionRunner {
    private final IncusClient incus;

    public IncusActionRunner(IncusClient incus) {
        this.incus = incus;
    }

    @Override
    public void run(Action action) {
        // Java 17: no pattern matching for switch yet; the sealed interface keeps this list complete.
        if (action instanceof CreateProject a) {
            incus.projects().create(a.name(), a.description(), a.config());
        } else if (action instanceof UpdateProject a) {
            updateProject(a);
        } else if (action instanceof CreateNetwork a) {
            incus.networks().create(null, a.name(), "bridge", a.description(), a.config());
        } else if (action instanceof UpdateNetwork a) {
            updateNetwork(a);
        } else if (action instanceof CreateProfile a) {
            incus.profiles().create(a.project(), new Profile(a.name(), "", a.config(), a.devices(), List.of(), a.project()));
        } else if (action instanceof UpdateProfile a) {
            updateProfile(a);
        } else if (action instanceof CreateInstance a) {
            createInstance(a);
        } else if (action instanceof UpdateInstance a) {
            updateInstance(a);
        } else if (action instanceof StartInstance a) {
            start(a);
        } else if (action instanceof DeleteInstance a) {
            deleteInstance(a);
        } else if (action instanceof Action.SnapshotInstance a) {
            snapshot(a);
        } else {
            throw new IllegalArgumentException("unknown action " + action);
        }
    }

    private void snapshot(Action.SnapshotInstance a) {
        List<io.anklume.incus.model.Snapshot> existing = incus.snapshots().list(a.project(), a.name());
        if (existing.stream().noneMatch(s -> s.name().equals(a.snapshot()))) {
            incus.snapshots().create(a.project(), a.name(), a.snapshot(), false, null).await();
        }
        // The stamp is UTC yyyyMMdd-HHmmss, so the names sort by time; keep the newest ones.
        List<String> older = incus.snapshots().list(a.project(), a.name()).stream()
                .map(io.anklume.incus.model.Snapshot::name)
                .filter(io.anklume.core.snapshot.SnapshotNames::isPreApply)
                .sorted(java.util.Comparator.reverseOrder())
                .skip(Math.max(1, a.keep()))
                .toList();
        for (String name : older) {
            incus.snapshots().delete(a.project(), a.name(), name).await();
        }
    }

    private void start(StartInstance a) {
        try {
            incus.instances().changeState(a.project(), a.name(), StateAction.of(StateAction.Kind.START)).await();
        } catch (IncusException e) {
            // Started meanwhile (by an earlier, interrupted apply): that is the state we want.
            if (e.error() == null || !e.error().toLowerCase(java.util.Locale.ROOT).contains("already running")) {
                throw e;
            }
        }
    }

    private void updateProject(UpdateProject a) {
        Project p = incus.projects().find(a.name())
                .orElseThrow(() -> new IllegalStateException("project " + a.name() + " disappeared"));
        incus.projects().update(a.name(), p.description(), apply(p.config(), a.changes()));
    }

    private void updateNetwork(UpdateNetwork a) {
        Network n = incus.networks().find(null, a.name())
                .orElseThrow(() -> new IllegalStateException("network " + a.name() + " disappeared"));
        incus.networks().update(null, a.name(), n.description(), apply(n.config(), a.changes()));
    }

    private void updateProfile(UpdateProfile a) {
        Optional<Profile> found = incus.profiles().find(a.project(), a.name());
        if (found.isEmpty()) {
            // A project made by hand with features.profiles=false has no default profile of its own.
            incus.profiles().create(a.project(), new Profile(a.name(), "", apply(Map.of(), a.configChanges()),
                    applyDevices(Map.of(), a.deviceChanges()), List.of(), a.project()));
            return;
        }
        Profile p = found.get();
        Map<String, Map<String, String>> devices = applyDevices(p.devices(), a.deviceChanges());
        incus.profiles().update(a.project(), new Profile(p.name(), p.description(), apply(p.config(), a.configChanges()),
                devices, p.usedBy(), p.project()));
    }

    private void createInstance(CreateInstance a) {
        InstanceCreate body = new InstanceCreate(a.name(), a.type(), InstanceSource.imageAlias(a.image()), a.profiles(),
                false, a.config(), a.devices(), a.description(), a.start());
        incus.instances().create(a.project(), body).await();
    }

    private void updateInstance(UpdateInstance a) {
        boolean removesDevice = a.deviceChanges().stream().anyMatch(DeviceChange::isRemoval);
        if (!removesDevice) {
            // PATCH merges: "" deletes a config key, devices are added or replaced by name.
            Map<String, String> config = new LinkedHashMap<>();
            a.configChanges().forEach(c -> config.put(c.key(), c.isRemoval() ? "" : c.newValue()));
            Map<String, Map<String, String>> devices = new LinkedHashMap<>();
            a.deviceChanges().forEach(d -> devices.put(d.name(), d.newDevice()));
            incus.instances().patch(a.project(), a.name(), new InstancePut(config.isEmpty() ? null : config,
                    devices.isEmpty() ? null : devices, a.newProfiles(), null, null), null);
            return;
        }
        // PATCH cannot remove a device: read the whole instance and PUT it back, guarded by its ETag.
        // Volatile keys change on their own (a start, a lease), so a stale ETag gets one fresh try.
        try {
            replaceInstance(a);
        } catch (IncusException e) {
            if (e.status() != 412) {
                throw e;
            }
            replaceInstance(a);
        }
    }

    private void replaceInstance(UpdateInstance a) {
        Tagged<Instance> tagged = incus.instances().getTagged(a.project(), a.name());
        Instance i = tagged.value();
        InstancePut full = new InstancePut(apply(i.config(), a.configChanges()), applyDevices(i.devices(), a.deviceChanges()),
                a.changesProfiles() ? a.newProfiles() : i.profiles(), i.description(), i.ephemeral());
        incus.instances().put(a.project(), a.name(), full, tagged.etag()).await();
    }

    private void deleteInstance(DeleteInstance a) {
        Instance i = incus.instances().get(a.project(), a.name());
        if ("true".equals(i.config().get("security.protection.delete"))) {
            incus.instances().patch(a.project(), a.name(),
                    new InstancePut(Map.of("security.protection.delete", ""), null, null, null, null), null);
        }
        if (!"Stopped".equalsIgnoreCase(i.status())) {
            try {
                incus.instances().changeState(a.project(), a.name(),
                        new StateAction(StateAction.Kind.STOP, 30, true, false)).await();
            } catch (IncusException e) {
                if (!e.error().contains("already stopped")) {
                    throw e;
                }
            }
        }
        if (i.ephemeral()) {
            return; // Incus deletes an ephemeral instance when it stops.
        }
        incus.instances().delete(a.project(), a.name()).await();
    }

    static Map<String, String> apply(Map<String, String> config, List<ConfigChange> changes) {
        Map<String, String> result = new LinkedHashMap<>(config == null ? Map.of() : config);
        for (ConfigChange c : changes) {
            if (c.isRemoval()) {
                result.remove(c.key());
            } else {
                result.put(c.key(), c.newValue());
            }
        }
        return result;
    }

    static Map<String, Map<String, String>> applyDevices(Map<String, Map<String, String>> devices,
                                                         List<DeviceChange> changes) {
        Map<String, Map<String, String>> result = new LinkedHashMap<>(devices == null ? Map.of() : devices);
        for (DeviceChange d : changes) {
            if (d.isRemoval()) {
                result.remove(d.name());
            } else {
                result.put(d.name(), d.newDevice());
            }
        }
        return result;
    }
}
