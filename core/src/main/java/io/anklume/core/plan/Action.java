package io.anklume.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One step of a {@link Plan}. Every action belongs to a domain; inside a domain, actions run by
 * {@link #stage()} (project, bridge, profiles, instances) and the actions of one instance in plan order.
 */
public sealed interface Action {
    /** Safety steps (pre-apply snapshots): every other action of the plan waits for all of them. */
    int STAGE_SAFEGUARD = -1;
    int STAGE_PROJECT = 0;
    int STAGE_NETWORK = 1;
    int STAGE_PROFILE = 2;
    int STAGE_INSTANCE = 3;

    /** The domain (Incus project) this action belongs to. */
    String domain();

    int stage();

    /** What the action is about, e.g. "instance pro-dev" or "network net-pro". */
    String target();

    /** Human-readable diff lines ({@code + create instance pro-dev in project pro}). */
    List<String> diffLines();

    /** The JSON "kind" of the action. */
    String kind();

    record CreateProject(String domain, String name, String description, Map<String, String> config)
            implements Action {
        public int stage() { return STAGE_PROJECT; }

        public String target() { return "project " + name; }

        public String kind() { return "create-project"; }

        public List<String> diffLines() { return List.of("+ create project " + name); }
    }

    record UpdateProject(String domain, String name, List<ConfigChange> changes) implements Action {
        public int stage() { return STAGE_PROJECT; }

        public String target() { return "project " + name; }

        public String kind() { return "update-project"; }

        public List<String> diffLines() {
            return changes.stream().map(c -> "~ update project " + name + " " + c.describe()).toList();
        }
    }

    record CreateNetwork(String domain, String name, String description, Map<String, String> config)
            implements Action {
        public int stage() { return STAGE_NETWORK; }

        public String target() { return "network " + name; }

        public String kind() { return "create-network"; }

        public List<String> diffLines() {
            return List.of("+ create network " + name + " " + config.getOrDefault("ipv4.address", ""));
        }
    }

    record UpdateNetwork(String domain, String name, List<ConfigChange> changes) implements Action {
        public int stage() { return STAGE_NETWORK; }

        public String target() { return "network " + name; }

        public String kind() { return "update-network"; }

        public List<String> diffLines() {
            return changes.stream().map(c -> "~ update network " + name + " " + c.describe()).toList();
        }
    }

    record CreateProfile(String domain, String project, String name, Map<String, String> config,
                         Map<String, Map<String, String>> devices) implements Action {
        public int stage() { return STAGE_PROFILE; }

        public String target() { return "profile " + project + "/" + name; }

        public String kind() { return "create-profile"; }

        public List<String> diffLines() {
            return List.of("+ create profile " + name + " in project " + project);
        }
    }

    record UpdateProfile(String domain, String project, String name, List<ConfigChange> configChanges,
                         List<DeviceChange> deviceChanges) implements Action {
        public int stage() { return STAGE_PROFILE; }

        public String target() { return "profile " + project + "/" + name; }

        public String kind() { return "update-profile"; }

        public List<String> diffLines() {
            String prefix = "~ update profile " + project + "/" + name + " ";
            return Stream.concat(
                    configChanges.stream().map(c -> prefix + c.describe()),
                    deviceChanges.stream().map(d -> prefix + d.describe())).toList();
        }
    }

    /** {@code image} is a local alias; {@code start} creates and starts in one operation. */
    record CreateInstance(String domain, String project, String name, String type, String image,
                          Map<String, String> config, Map<String, Map<String, String>> devices,
                          List<String> profiles, String description, boolean start) implements Action {
        public int stage() { return STAGE_INSTANCE; }

        public String target() { return "instance " + name; }

        public String kind() { return "create-instance"; }

        public List<String> diffLines() {
            return List.of("+ create instance " + name + " in project " + project);
        }
    }

    /** {@code oldProfiles}/{@code newProfiles} are null when the profile list does not change. */
    record UpdateInstance(String domain, String project, String name, List<ConfigChange> configChanges,
                          List<DeviceChange> deviceChanges, List<String> oldProfiles, List<String> newProfiles)
            implements Action {
        public int stage() { return STAGE_INSTANCE; }

        public String target() { return "instance " + name; }

        public String kind() { return "update-instance"; }

        public boolean changesProfiles() {
            return newProfiles != null;
        }

        public List<String> diffLines() {
            String prefix = "~ update " + name + " ";
            List<String> lines = new ArrayList<>();
            configChanges.forEach(c -> lines.add(prefix + c.describe()));
            deviceChanges.forEach(d -> lines.add(prefix + d.describe()));
            if (changesProfiles()) {
                lines.add(prefix + "profiles " + oldProfiles + " → " + newProfiles);
            }
            return lines;
        }
    }

    record StartInstance(String domain, String project, String name) implements Action {
        public int stage() { return STAGE_INSTANCE; }

        public String target() { return "instance " + name; }

        public String kind() { return "start-instance"; }

        public List<String> diffLines() {
            return List.of("~ start instance " + name + " in project " + project);
        }
    }

    /** A managed instance no longer in infra.yml; planned only when orphan deletion is asked for. */
    record DeleteInstance(String domain, String project, String name) implements Action {
        public int stage() { return STAGE_INSTANCE; }

        public String target() { return "instance " + name; }

        public String kind() { return "delete-instance"; }

        public List<String> diffLines() {
            return List.of("- delete orphan " + project + "/" + name);
        }
    }

    /**
     * A {@code pre-apply-<timestamp>} snapshot of an instance the plan is about to change, taken before
     * any change of the apply; older {@code pre-apply-*} snapshots beyond the last {@code keep} are deleted.
     */
    record SnapshotInstance(String domain, String project, String name, String snapshot, int keep) implements Action {
        public int stage() { return STAGE_SAFEGUARD; }

        public String target() { return "instance " + name; }

        public String kind() { return "snapshot-instance"; }

        public List<String> diffLines() {
            return List.of("* snapshot " + name + " as " + snapshot + " before changing it (keeps the last " + keep
                    + " pre-apply snapshots)");
        }
    }
}
