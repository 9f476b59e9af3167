package io.anklume.incus.lab;

import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusConfig;
import io.anklume.incus.IncusException;
import io.anklume.incus.model.ExecResult;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstanceCreate;
import io.anklume.incus.model.InstancePut;
import io.anklume.incus.model.InstanceSource;
import io.anklume.incus.model.Network;
import io.anklume.incus.model.NetworkLease;
import io.anklume.incus.model.Profile;
import io.anklume.incus.model.Project;
import io.anklume.incus.model.StateAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A private corner of the real Incus for one test class: its own project ({@code t-<suffix>}) whose
 * default profile puts instances on its own NAT-less bridge ({@code tb<suffix>}). Everything it made is
 * removed by {@link #close()}; leftovers of killed runs carry a creation marker and are removed by
 * the next lab. Without root or a daemon it fails loudly with the reason instead of skipping.
 */
public final class IncusLab implements AutoCloseable {
    public static final String IMAGE = "busybox";
    public static final String MARKER = "user.anklume-test.created";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IncusClient client;
    private final String suffix;
    private final String project;
    private final String bridge;
    private final String subnetPrefix;
    private final List<String> extraNetworks = new ArrayList<>();
    private final List<String> extraProjects = new ArrayList<>();

    private IncusLab(IncusClient client, String suffix, String project, String bridge, String subnetPrefix) {
        this.client = client;
        this.suffix = suffix;
        this.project = project;
        this.bridge = bridge;
        this.subnetPrefix = subnetPrefix;
    }

    /** Connects to the local daemon, or throws an AssertionError that says what to do. */
    public static IncusClient connect() {
        IncusConfig config = IncusConfig.local();
        Path socket = ((IncusConfig.Endpoint.UnixSocket) config.endpoint()).path();
        if (!"root".equals(System.getProperty("user.name")) && !Files.isWritable(socket)) {
            throw new AssertionError("integration tests need root to use Incus at " + socket
                    + "; run: sudo ./scripts/test.sh");
        }
        IncusClient client = IncusClient.connect(config);
        try {
            client.server().info();
        } catch (IncusException e) {
            client.close();
            throw new AssertionError("integration tests need a running Incus daemon (" + e.error()
                    + "); run: sudo ./scripts/lab.sh", e);
        }
        if (client.images().findAlias(null, IMAGE).isEmpty()) {
            client.close();
            throw new AssertionError("the lab image '" + IMAGE + "' is missing; run: sudo ./scripts/lab.sh");
        }
        return client;
    }

    /** Connects through another socket path (e.g. a relay a test can cut). */
    public static IncusClient connect(Path socket) {
        return IncusClient.connect(new IncusConfig(new IncusConfig.Endpoint.UnixSocket(socket),
                Duration.ofSeconds(10), Duration.ofMinutes(5)));
    }

    public static IncusLab create() {
        return create(connect());
    }

    /** A lab on the given client; closing the lab closes the client. */
    public static IncusLab create(IncusClient client) {
        cleanLeftovers(client, Duration.ofMinutes(90));
        String suffix = randomSuffix(6);
        String project = "t-" + suffix;
        String bridge = "tb" + suffix;
        String created = String.valueOf(Instant.now().getEpochSecond());
        String prefix = createBridge(client, bridge, created);
        try {
            client.projects().create(project, "anklume-tui test lab", Map.of(
                    "features.images", "false", "features.profiles", "true", MARKER, created));
            client.profiles().update(project, new Profile("default", "test lab default", Map.of(), Map.of(
                    "root", Map.of("type", "disk", "path", "/", "pool", "default"),
                    "eth0", Map.of("type", "nic", "network", bridge, "name", "eth0")), null, project));
        } catch (RuntimeException e) {
            IncusLab partial = new IncusLab(client, suffix, project, bridge, prefix);
            partial.close();
            throw e;
        }
        return new IncusLab(client, suffix, project, bridge, prefix);
    }

    /**
     * Creates a NAT-less bridge on a random free 10.2xx.y.0/24, marked as a test object created at
     * {@code created} (epoch seconds), and returns "10.2xx.y".
     */
    public static String createBridge(IncusClient client, String name, String created) {
        Set<String> used = new HashSet<>();
        for (Network n : client.networks().list(null)) {
            String address = n.config() == null ? null : n.config().get("ipv4.address");
            if (address != null && address.contains(".")) {
                used.add(address.substring(0, address.lastIndexOf('.')));
            }
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            String prefix = "10." + (200 + RANDOM.nextInt(30)) + "." + RANDOM.nextInt(255);
            if (used.contains(prefix)) {
                continue;
            }
            try {
                client.networks().create(null, name, "bridge", "anklume-tui test bridge", Map.of(
                        "ipv4.address", prefix + ".1/24", "ipv4.nat", "false", "ipv6.address", "none", MARKER, created));
                return prefix;
            } catch (IncusException e) {
                if (!e.error().toLowerCase().contains("overlap") && !e.error().toLowerCase().contains("in use")) {
                    throw e;
                }
            }
        }
        throw new AssertionError("no free subnet for test bridge " + name);
    }

    /** Removes test projects and bridges left by runs that were killed before their cleanup. */
    public static void cleanLeftovers(IncusClient client, Duration olderThan) {
        long cutoff = Instant.now().minus(olderThan).getEpochSecond();
        for (Project p : client.projects().list()) {
            String created = p.config() == null ? null : p.config().get(MARKER);
            if (created != null && Long.parseLong(created) < cutoff) {
                removeProject(client, p.name());
            }
        }
        for (Network n : client.networks().list(null)) {
            String created = n.config() == null ? null : n.config().get(MARKER);
            if (created != null && Long.parseLong(created) < cutoff) {
                try {
                    client.networks().delete(null, n.name());
                } catch (IncusException ignored) {
                    // Still in use by a live test; a later run removes it.
                }
            }
        }
    }

    static void removeProject(IncusClient client, String project) {
        for (Instance i : client.instances().list(project, false)) {
            forceDelete(client, project, i.name());
        }
        for (Profile p : client.profiles().list(project)) {
            if (!"default".equals(p.name())) {
                try {
                    client.profiles().delete(project, p.name());
                } catch (IncusException ignored) {
                    // Removed with the project below, or in use by something we could not delete.
                }
            }
        }
        try {
            client.projects().delete(project);
        } catch (IncusException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    /** Stops (killing), unprotects and deletes an instance, whatever its state. */
    public static void forceDelete(IncusClient client, String project, String name) {
        try {
            Instance i = client.instances().get(project, name);
            if (i.isRunning() || "Frozen".equalsIgnoreCase(i.status())) {
                client.instances().changeState(project, name,
                        new StateAction(StateAction.Kind.STOP, 0, true, false)).await(Duration.ofSeconds(30));
            }
            if ("true".equals(i.config().get("security.protection.delete"))) {
                client.instances().patch(project, name,
                        new InstancePut(Map.of("security.protection.delete", ""), null, null, null, null), null);
            }
            client.instances().delete(project, name).await(Duration.ofSeconds(60));
        } catch (IncusException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    public IncusClient client() {
        return client;
    }

    public String project() {
        return project;
    }

    public String bridge() {
        return bridge;
    }

    public String suffix() {
        return suffix;
    }

    /** The first three octets of the lab bridge's /24, e.g. "10.213.7". */
    public String subnetPrefix() {
        return subnetPrefix;
    }

    public String gateway() {
        return subnetPrefix + ".1";
    }

    /** A name unique to this lab, short enough for Incus and Linux. */
    public String name(String prefix) {
        return prefix + "-" + randomSuffix(4);
    }

    /** Another NAT-less bridge owned by this lab, removed on close. Returns its name; prefix via the map. */
    public Map.Entry<String, String> extraBridge() {
        String name = "tb" + randomSuffix(6);
        String prefix = createBridge(client, name, String.valueOf(Instant.now().getEpochSecond()));
        extraNetworks.add(name);
        return Map.entry(name, prefix);
    }

    /** Another project owned by this lab (images shared), removed on close. */
    public String extraProject() {
        return extraProject(bridge);
    }

    /** Another project whose default profile puts instances on the given bridge. */
    public String extraProject(String onBridge) {
        String name = "t-" + randomSuffix(6);
        client.projects().create(name, "anklume-tui test lab", Map.of("features.images", "false",
                "features.profiles", "true", MARKER, String.valueOf(Instant.now().getEpochSecond())));
        client.profiles().update(name, new Profile("default", "test lab default", Map.of(), Map.of(
                "root", Map.of("type", "disk", "path", "/", "pool", "default"),
                "eth0", Map.of("type", "nic", "network", onBridge, "name", "eth0")), null, name));
        extraProjects.add(name);
        return name;
    }

    public InstanceCreate busybox(String name, boolean start) {
        return new InstanceCreate(name, "container", InstanceSource.imageAlias(IMAGE), List.of("default"), false,
                new HashMap<>(), new HashMap<>(), "", start);
    }

    /** Creates a busybox container with extra config in the lab project, started or not. */
    public Instance instance(String name, Map<String, String> config, boolean start) {
        InstanceCreate create = busybox(name, start);
        create.config().putAll(config);
        client.instances().create(project, create).await(Duration.ofSeconds(60));
        return client.instances().get(project, name);
    }

    /** Launches a busybox container in the lab project and waits until it has its IPv4. */
    public String launch(String name) {
        client.instances().create(project, busybox(name, true)).await(Duration.ofSeconds(60));
        return waitForIpv4(name, Duration.ofSeconds(20));
    }

    /** Waits until the lab bridge leased an address to the instance. */
    public String waitForIpv4(String name, Duration timeout) {
        return waitForIpv4(project, bridge, name, timeout);
    }

    public String waitForIpv4(String inProject, String onBridge, String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (NetworkLease lease : client.networks().leases(inProject, onBridge)) {
                if (name.equals(lease.hostname()) && lease.address() != null && lease.address().contains(".")) {
                    String ip = lease.address();
                    // The lease exists before udhcpc configured the interface: check inside.
                    ExecResult r = client.instances().exec(inProject, name, List.of("ip", "-4", "addr", "show", "eth0"),
                            Map.of(), "/", Duration.ofSeconds(10));
                    if (r.stdout().contains(ip + "/")) {
                        return ip;
                    }
                }
            }
            sleep(200);
        }
        throw new AssertionError("instance " + name + " got no IPv4 on " + onBridge + " within " + timeout.toSeconds() + " s");
    }

    public ExecResult exec(String name, String... command) {
        return client.instances().exec(project, name, List.of(command), Map.of(), "/", Duration.ofSeconds(30));
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static String randomSuffix(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder();
        b.append(alphabet.charAt(RANDOM.nextInt(26)));
        while (b.length() < length) {
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (String p : concat(List.of(project), extraProjects)) {
            try {
                removeProject(client, p);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        for (String n : concat(List.of(bridge), extraNetworks)) {
            IncusException last = deleteNetwork(n);
            if (last != null) {
                failures.add(last);
            }
        }
        client.close();
        if (!failures.isEmpty()) {
            throw new AssertionError("test lab cleanup failed: " + failures.get(0).getMessage(), failures.get(0));
        }
    }

    /** Incus may still be tearing down a just-deleted instance's veth; retry briefly. */
    private IncusException deleteNetwork(String name) {
        IncusException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                client.networks().delete(null, name);
                return null;
            } catch (IncusException e) {
                if (e.isNotFound()) {
                    return null;
                }
                last = e;
                sleep(300);
            }
        }
        return last;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
