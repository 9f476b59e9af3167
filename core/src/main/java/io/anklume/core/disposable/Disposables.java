package io.anklume.core.disposable;

import io.anklume.core.ActionException;
import io.anklume.core.infra.TrustLevel;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.lifecycle.ShellSession;
import io.anklume.core.lifecycle.Shells;
import io.anklume.core.plan.Markers;
import io.anklume.core.snapshot.SnapshotNames;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.model.InstanceCreate;
import io.anklume.incus.model.InstanceSource;
import io.anklume.incus.model.Project;
import io.anklume.incus.model.StateAction;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Throw-away instances: an Incus ephemeral container {@code disp-<UTC timestamp>} in the disposable
 * domain, with a shell over the exec websocket; stopping it makes Incus delete it.
 */
public final class Disposables {
    public static final String MARKER = io.anklume.core.inventory.InstanceMapper.DISPOSABLE;

    private final IncusClient client;
    private final Clock clock;
    private final boolean readOnly;

    public Disposables(IncusClient client, Clock clock, boolean readOnly) {
        this.client = client;
        this.clock = clock;
        this.readOnly = readOnly;
    }

    /**
     * The project a disposable goes to when none is named: the applied infra's domain of trust level
     * disposable (its project carries {@code user.anklume.trust=disposable}), else the default project.
     */
    public String defaultProject() {
        return defaultProject(client.projects().list());
    }

    private static String defaultProject(List<Project> projects) {
        List<String> disposable = projects.stream()
                .filter(p -> isDomain(p) && TrustLevel.DISPOSABLE.yamlName().equals(p.config().get(Markers.TRUST)))
                .map(Project::name).sorted().toList();
        if (disposable.size() > 1) {
            throw new ActionException("a disposable", "launch", "several domains are disposable (" + disposable
                    + "); choose one with --domain");
        }
        return disposable.isEmpty() ? "default" : disposable.get(0);
    }

    private static boolean isDomain(Project p) {
        return p.config() != null && "true".equals(p.config().get(Markers.MANAGED));
    }

    /**
     * The trust level the disposable shows: its domain's (the project's marker), so it is drawn in its
     * domain's colour; outside any domain, disposable.
     */
    private static String trustOf(List<Project> projects, String project) {
        return projects.stream().filter(p -> p.name().equals(project) && isDomain(p))
                .map(p -> TrustLevel.parse(p.config().get(Markers.TRUST)).orElse(TrustLevel.DISPOSABLE))
                .findFirst().orElse(TrustLevel.DISPOSABLE).yamlName();
    }

    /** Creates and starts {@code disp-<timestamp>} from {@code image} (a local alias) in {@code project} (null: default). */
    public InstanceRef launch(String image, String project) {
        if (image == null || image.isBlank()) {
            throw new ActionException("a disposable", "launch", "no image: give one (e.g. --image busybox) or set "
                    + "global.default_os_image in infra.yml");
        }
        List<Project> projects = call(new InstanceRef(project, "disp-*"), "launch",
                () -> client.projects().list());
        String target = project == null || project.isBlank() ? defaultProject(projects) : project;
        if (readOnly) {
            throw new ActionException("a disposable in " + target, "launch", "anklume-tui runs in read-only mode");
        }
        String name = freeName(target);
        InstanceRef ref = new InstanceRef(target, name);
        InstanceCreate body = new InstanceCreate(name, "container", InstanceSource.imageAlias(image), List.of("default"),
                true, Map.of(MARKER, "true", Markers.DOMAIN, target, Markers.TRUST, trustOf(projects, target)), Map.of(),
                "disposable, deleted when it stops", true);
        call(ref, "launch", () -> client.instances().create(target, body).await());
        return ref;
    }

    /** A login shell in the disposable (the same as any instance's). */
    public ShellSession shell(InstanceRef ref, int width, int height, String term) {
        return new Shells(client, false).open(ref, width, height, term);
    }

    /** Stops it at once; Incus deletes an ephemeral instance when it stops. Waits until it is gone. */
    public void discard(InstanceRef ref) {
        try {
            client.instances().changeState(ref.project(), ref.name(), new StateAction(StateAction.Kind.STOP, 0, true, false))
                    .await();
        } catch (IncusException e) {
            if (!e.isNotFound()) {
                throw new ActionException(ref.toString(), "stop", e.error(), e);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                client.instances().get(ref.project(), ref.name());
            } catch (IncusException e) {
                if (e.isNotFound()) {
                    return;
                }
                throw e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new ActionException(ref.toString(), "discard", "it was stopped but Incus did not delete it within 30 s");
    }

    private String freeName(String project) {
        Set<String> taken = call(new InstanceRef(project, "disp-*"), "launch",
                () -> client.instances().list(project, false)).stream().map(i -> i.name())
                .collect(Collectors.toCollection(HashSet::new));
        String base = "disp-" + SnapshotNames.stamp(clock);
        String name = base;
        for (int n = 2; taken.contains(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    private static <T> T call(InstanceRef ref, String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (IncusException e) {
            String reason = e.error() == null || e.error().isBlank() ? e.getMessage() : e.error();
            throw new ActionException(ref.toString(), action, reason, e);
        }
    }
}
