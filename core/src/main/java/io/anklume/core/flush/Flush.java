package io.anklume.core.flush;

import io.anklume.core.ActionException;
import io.anklume.core.infra.Domain;
import io.anklume.core.infra.Infra;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.plan.Action;
import io.anklume.core.plan.ActionRunner;
import io.anklume.core.plan.IncusActionRunner;
import io.anklume.core.plan.Markers;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.Network;
import io.anklume.incus.model.Profile;
import io.anklume.incus.model.Project;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Deletes what anklume made for the domains of an infra file: managed instances, the domain
 * projects' profiles, the projects, the {@code net-<domain>} bridges and the isolation nft table.
 * Untracked instances are never touched, and a project or bridge they still use is kept; protected
 * instances ({@code security.protection.delete=true}) are kept unless forced.
 */
public final class Flush {
    private final IncusClient client;
    private final NftTable nft;
    private final boolean readOnly;

    public Flush(IncusClient client, NftTable nft, boolean readOnly) {
        this.client = client;
        this.nft = nft;
        this.readOnly = readOnly;
    }

    public FlushPlan plan(Infra infra, boolean force) {
        Set<String> domains = new HashSet<>();
        infra.domains().stream().map(Domain::name).forEach(domains::add);
        Map<String, Project> projects = new LinkedHashMap<>();
        client.projects().list().forEach(p -> projects.put(p.name(), p));
        List<Instance> all = client.instances().listAllProjects(false);
        List<InstanceRef> delete = new ArrayList<>();
        List<InstanceRef> unprotect = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        Set<String> keptProjects = new HashSet<>();
        List<Instance> staying = new ArrayList<>();
        for (Instance i : all) {
            String project = project(i);
            if (!domains.contains(project)) {
                if (managed(i.config()) && domains.contains(i.config().get(Markers.DOMAIN))) {
                    kept.add("instance " + ref(i) + ": managed for a domain of the file but in project " + project
                            + "; delete it there");
                }
                staying.add(i);
                continue;
            }
            if (!managed(i.config())) {
                kept.add("instance " + ref(i) + ": untracked (no user.anklume.managed), never touched");
                keptProjects.add(project);
                staying.add(i);
            } else if ("true".equals(config(i.config()).get("security.protection.delete")) && !force) {
                kept.add("instance " + ref(i) + ": protected (security.protection.delete=true); --force deletes it");
                keptProjects.add(project);
                staying.add(i);
            } else {
                delete.add(ref(i));
                if ("true".equals(config(i.config()).get("security.protection.delete"))) {
                    unprotect.add(ref(i));
                }
            }
        }
        List<String> profiles = new ArrayList<>();
        List<String> deleteProjects = new ArrayList<>();
        for (String d : domains.stream().sorted().toList()) {
            Project p = projects.get(d);
            if (p == null) {
                continue;
            }
            if (!managed(p.config())) {
                kept.add("project " + d + ": not made by anklume (no user.anklume.managed)");
                keptProjects.add(d);
                continue;
            }
            Set<String> inUse = new HashSet<>();
            staying.stream().filter(i -> project(i).equals(d)).forEach(i -> inUse.addAll(i.profiles() == null ? List.of() : i.profiles()));
            for (Profile pr : client.profiles().list(d)) {
                if (pr.name().equals("default")) {
                    continue;
                }
                if (inUse.contains(pr.name())) {
                    kept.add("profile " + d + "/" + pr.name() + ": used by an instance that stays");
                } else {
                    profiles.add(d + "/" + pr.name());
                }
            }
            if (keptProjects.contains(d)) {
                kept.add("project " + d + ": still holds instances that stay");
            } else {
                deleteProjects.add(d);
            }
        }
        List<String> bridges = new ArrayList<>();
        Set<String> allManagedBridges = new HashSet<>();
        for (Network n : client.networks().list(null)) {
            if (!managed(n.config()) || !n.name().startsWith("net-")) {
                continue;
            }
            allManagedBridges.add(n.name());
            String d = n.name().substring(4);
            if (!domains.contains(d)) {
                continue;
            }
            List<String> users = staying.stream().filter(i -> uses(i, n.name())).map(i -> ref(i).toString()).toList();
            if (!users.isEmpty()) {
                kept.add("bridge " + n.name() + ": used by " + String.join(", ", users));
            } else if (keptProjects.contains(d) && projects.containsKey(d)) {
                kept.add("bridge " + n.name() + ": the kept project " + d + " still points its default profile at it");
            } else {
                bridges.add(n.name());
            }
        }
        // The table isolates the anklume bridges: it goes only when none of those it names stays.
        String table = null;
        if (nft.exists()) {
            List<String> needed = nft.bridges().stream()
                    .filter(b -> allManagedBridges.contains(b) && !bridges.contains(b)).toList();
            if (needed.isEmpty()) {
                table = nft.name();
            } else {
                kept.add("nft table " + nft.name() + ": still isolates " + String.join(", ", needed));
            }
        }
        return new FlushPlan(delete, unprotect, profiles, deleteProjects, bridges, table, kept);
    }

    /** Carries out a plan in order; {@code progress} gets one line per object. Stops at the first failure. */
    public void run(FlushPlan plan, Consumer<String> progress) {
        if (readOnly) {
            throw new ActionException("anklume objects", "flush", "anklume-tui runs in read-only mode");
        }
        ActionRunner runner = new IncusActionRunner(client);
        for (InstanceRef i : plan.instances()) {
            step(progress, "instance " + i, () -> {
                try {
                    runner.run(new Action.DeleteInstance(i.project(), i.project(), i.name()));
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
        }
        for (String p : plan.profiles()) {
            String[] parts = p.split("/", 2);
            step(progress, "profile " + p, () -> client.profiles().delete(parts[0], parts[1]));
        }
        for (String p : plan.projects()) {
            step(progress, "project " + p, () -> client.projects().delete(p));
        }
        for (String b : plan.bridges()) {
            step(progress, "bridge " + b, () -> deleteBridge(b));
        }
        if (plan.nftTable() != null) {
            step(progress, "nft table " + plan.nftTable(), nft::delete);
        }
    }

    /** Incus may still be releasing a just-deleted instance's veth; a few short retries. */
    private void deleteBridge(String name) {
        for (int attempt = 0; ; attempt++) {
            try {
                client.networks().delete(null, name);
                return;
            } catch (IncusException e) {
                if (e.isNotFound()) {
                    return;
                }
                if (attempt >= 10) {
                    throw e;
                }
                try {
                    Thread.sleep(300);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void step(Consumer<String> progress, String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            throw new ActionException(what, "delete", e.getMessage() + " (flush stopped here; what is listed above "
                    + "was deleted)", e);
        }
        progress.accept("deleted " + what);
    }

    private static boolean uses(Instance i, String bridge) {
        Map<String, Map<String, String>> devices = i.expandedDevices() != null ? i.expandedDevices() : i.devices();
        return devices != null && devices.values().stream().anyMatch(d -> d != null && bridge.equals(d.get("network"))
                || d != null && bridge.equals(d.get("parent")));
    }

    private static boolean managed(Map<String, String> config) {
        return "true".equals(config(config).get(Markers.MANAGED));
    }

    private static Map<String, String> config(Map<String, String> config) {
        return config == null ? Map.of() : config;
    }

    private static String project(Instance i) {
        return i.project() == null || i.project().isEmpty() ? "default" : i.project();
    }

    private static InstanceRef ref(Instance i) {
        return new InstanceRef(project(i), i.name());
    }
}
