package io.anklume.core.lab;

import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusConfig;
import io.anklume.incus.IncusException;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstanceCreate;
import io.anklume.incus.model.InstancePut;
import io.anklume.incus.model.InstanceSource;
import io.anklume.incus.model.Network;
import io.anklume.incus.model.Profile;
import io.anklume.incus.model.Project;
import io.anklume.incus.model.StateAction;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A throw-away Incus project with its own bridge for core's integration tests. Names start with
 * {@value #PROJECT_PREFIX} / {@value #BRIDGE_PREFIX} so leftovers of killed runs are recognised and
 * removed at the next start. The bridge never NATs and has no IPv6; the project uses the default
 * project's images (the local {@code busybox} alias).
 */
public final class CoreLab implements AutoCloseable {
    public static final String PROJECT_PREFIX = "ankinv-";
    public static final String BRIDGE_PREFIX = "ankinv";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String DESCRIPTION = "anklume-tui core integration test, started ";
    /** Another run may be going on at the same time: only older leftovers are removed. */
    private static final long LEFTOVER_AGE_MILLIS = 15 * 60 * 1000;

    private final IncusClient client;
    private final String project;
    private final String bridge;
    private final String subnetPrefix;

    private CoreLab(IncusClient client, String project, String bridge, String subnetPrefix) {
        this.client = client;
        this.project = project;
        this.bridge = bridge;
        this.subnetPrefix = subnetPrefix;
    }

    /** The local daemon. */
    public static IncusClient connect() {
        return connect(IncusConfig.DEFAULT_SOCKET);
    }

    /** The daemon through the given unix socket (e.g. a {@link SocketRelay}). */
    public static IncusClient connect(java.nio.file.Path socket) {
        return IncusClient.connect(new IncusConfig(new IncusConfig.Endpoint.UnixSocket(socket),
                java.time.Duration.ofSeconds(10), java.time.Duration.ofMinutes(5)));
    }

    public static CoreLab create(IncusClient client) {
        cleanLeftovers(client);
        String suffix = Long.toString(Math.abs(RANDOM.nextLong()) % 1_000_000L, 36);
        String project = PROJECT_PREFIX + suffix;
        String bridge = BRIDGE_PREFIX + suffix; // at most 6 + 4 characters, within the 15 of Linux
        String prefix = createBridge(client, bridge);
        client.projects().create(project, DESCRIPTION + System.currentTimeMillis(), Map.of("features.images", "false",
                "features.profiles", "true", "features.networks", "false"));
        Map<String, Map<String, String>> devices = new HashMap<>();
        devices.put("root", Map.of("type", "disk", "path", "/", "pool", "default"));
        devices.put("eth0", Map.of("type", "nic", "network", bridge, "name", "eth0"));
        client.profiles().update(project, new Profile("default", "test", Map.of(), devices, List.of(), project));
        return new CoreLab(client, project, bridge, prefix);
    }

    /** Creates the bridge in a random 10.2xx.yyy.0/24, trying other subnets when one is taken. */
    private static String createBridge(IncusClient client, String bridge) {
        IncusException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            String prefix = "10." + (200 + RANDOM.nextInt(55)) + "." + RANDOM.nextInt(256) + ".";
            try {
                client.networks().create(null, bridge, "bridge", DESCRIPTION + System.currentTimeMillis(),
                        Map.of("ipv4.address", prefix + "1/24", "ipv4.nat", "false", "ipv6.address", "none",
                                "ipv4.dhcp", "true"));
                return prefix;
            } catch (IncusException e) {
                last = e;
            }
        }
        throw last;
    }

    public String project() {
        return project;
    }

    public String bridge() {
        return bridge;
    }

    /** "10.2xx.yyy." – addresses on the lab bridge start with it. */
    public String subnetPrefix() {
        return subnetPrefix;
    }

    public IncusClient client() {
        return client;
    }

    /** Launches a busybox container in the lab project. */
    public Instance launch(String name, Map<String, String> config, boolean start) {
        client.instances().create(project, new InstanceCreate(name, "container", InstanceSource.imageAlias("busybox"),
                List.of("default"), false, config, Map.of(), "", start)).await();
        return client.instances().get(project, name);
    }

    @Override
    public void close() {
        removeProject(client, project);
        deleteQuietly(() -> client.networks().delete(null, bridge));
    }

    private static void cleanLeftovers(IncusClient client) {
        for (Project p : client.projects().list()) {
            if (p.name().startsWith(PROJECT_PREFIX) && isOld(p.description())) {
                removeProject(client, p.name());
            }
        }
        for (Network n : client.networks().list(null)) {
            if (n.name().startsWith(BRIDGE_PREFIX) && n.managed() && isOld(n.description())) {
                deleteQuietly(() -> client.networks().delete(null, n.name()));
            }
        }
    }

    private static boolean isOld(String description) {
        if (description == null || !description.startsWith(DESCRIPTION)) {
            return false;
        }
        try {
            long started = Long.parseLong(description.substring(DESCRIPTION.length()).trim());
            return System.currentTimeMillis() - started > LEFTOVER_AGE_MILLIS;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void removeProject(IncusClient client, String project) {
        for (Instance i : client.instances().list(project, false)) {
            deleteQuietly(() -> client.instances().patch(project, i.name(),
                    new InstancePut(Map.of("security.protection.delete", ""), null, null, null, null), null));
            if (i.isRunning()) {
                deleteQuietly(() -> client.instances().changeState(project, i.name(),
                        new StateAction(StateAction.Kind.STOP, 0, true, false)).await());
            }
            deleteQuietly(() -> client.instances().delete(project, i.name()).await());
        }
        deleteQuietly(() -> client.projects().delete(project));
    }

    private static void deleteQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            System.err.println("[core-lab] cleanup: " + e.getMessage());
        }
    }
}
