package io.anklume.core.routing.ssh;

import io.anklume.core.infra.Infra;
import io.anklume.core.infra.Machine;
import io.anklume.core.infra.Routing;
import io.anklume.incus.IncusClient;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstancePut;
import io.anklume.incus.model.InstanceState;
import io.anklume.incus.model.Tagged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSH routing through Incus proxy devices: each machine with {@code ssh} gets a device
 * {@value #DEVICE} ({@code listen=tcp:<ssh_listen>:<port>}, {@code connect=tcp:127.0.0.1:22}); a
 * machine that no longer has {@code ssh} loses it. Only that device name is ever changed.
 */
public final class SshProxies {
    public static final String DEVICE = "anklume-ssh";
    static final Pattern LISTEN_PORT = Pattern.compile("^tcp:.*:(\\d{1,5})$");

    private final IncusClient incus;
    private final boolean readOnly;

    public SshProxies(IncusClient incus, boolean readOnly) {
        this.incus = incus;
        this.readOnly = readOnly;
    }

    /** The device a machine's SSH route needs. */
    public static Map<String, String> device(Routing routing, int port) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("type", "proxy");
        d.put("listen", "tcp:" + routing.sshListen() + ":" + port);
        d.put("connect", "tcp:127.0.0.1:22");
        d.put("bind", "host");
        return d;
    }

    /** The host port of an existing proxy device, if it is one of ours. */
    static Optional<Integer> portOf(Instance i) {
        return listenPort(i.devices());
    }

    /** The host port SSH is routed through, from an instance's devices (e.g. for the detail view). */
    public static Optional<Integer> listenPort(Map<String, Map<String, String>> devices) {
        Map<String, String> d = devices == null ? null : devices.get(DEVICE);
        if (d == null || d.get("listen") == null) {
            return Optional.empty();
        }
        Matcher m = LISTEN_PORT.matcher(d.get("listen"));
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** What the SSH routes are now, without changing anything (ports as allocated, addresses as Incus has them). */
    public List<SshRoute> plan(Infra infra) {
        return resolve(infra, incus.instances().listAllProjects(true)).routes();
    }

    /** Adds, updates or removes the proxy devices so they match infra.yml; returns the routes. */
    public List<SshRoute> sync(Infra infra) {
        if (readOnly) {
            throw new IllegalStateException("read-only mode: SSH proxy devices are not changed");
        }
        List<Instance> instances = incus.instances().listAllProjects(true);
        Resolved r = resolve(infra, instances);
        Routing routing = infra.global().routing();
        for (SshRoute route : r.routes()) {
            Instance i = r.instances().get(route.machine());
            Map<String, String> want = device(routing, route.port());
            if (!want.equals(i.devices() == null ? null : i.devices().get(DEVICE))) {
                change(i, want);
            }
        }
        // A machine of infra.yml whose ssh was dropped: take the device away again.
        infra.machines().filter(m -> m.ssh() == null).forEach(m -> find(instances, m)
                .filter(i -> i.devices() != null && i.devices().containsKey(DEVICE)).ifPresent(i -> change(i, null)));
        return r.routes();
    }

    private record Resolved(List<SshRoute> routes, Map<String, Instance> instances) {}

    private Resolved resolve(Infra infra, List<Instance> instances) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        Map<String, Integer> existing = new LinkedHashMap<>();
        Map<String, Instance> found = new LinkedHashMap<>();
        infra.machines().filter(m -> m.ssh() != null).forEach(m -> find(instances, m).ifPresent(i -> {
            wanted.put(m.name(), m.ssh().port());
            portOf(i).ifPresent(p -> existing.put(m.name(), p));
            found.put(m.name(), i);
        }));
        Map<String, Integer> ports = SshPorts.allocate(wanted, existing, infra.global().routing().sshPorts());
        List<SshRoute> routes = new ArrayList<>();
        ports.forEach((name, port) -> {
            Machine m = infra.machine(name).orElseThrow();
            Instance i = found.get(name);
            routes.add(new SshRoute(name, projectOf(i), port, m.ssh().user(), i.isRunning() ? ipv4(i.state()) : null));
        });
        return new Resolved(List.copyOf(routes), found);
    }

    private void change(Instance current, Map<String, String> device) {
        String project = projectOf(current);
        Tagged<Instance> fresh = incus.instances().getTagged(project, current.name());
        Map<String, Map<String, String>> devices = new LinkedHashMap<>(
                fresh.value().devices() == null ? Map.of() : fresh.value().devices());
        if (device == null) {
            devices.remove(DEVICE);
        } else {
            devices.put(DEVICE, device);
        }
        InstancePut full = InstancePut.of(fresh.value());
        incus.instances().put(project, current.name(), new InstancePut(full.config(), devices, full.profiles(),
                full.description(), full.ephemeral()), fresh.etag()).await(Duration.ofSeconds(30));
    }

    /** The machine's instance: in its domain's project, else the only instance of that name. */
    static Optional<Instance> find(List<Instance> instances, Machine m) {
        List<Instance> named = instances.stream().filter(i -> i.name().equals(m.name())).toList();
        Optional<Instance> inDomain = named.stream().filter(i -> m.domain().equals(projectOf(i))).findFirst();
        return inDomain.isPresent() ? inDomain : named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    static String projectOf(Instance i) {
        return i.project() == null || i.project().isEmpty() ? "default" : i.project();
    }

    /** The first global IPv4 address, eth0 first. */
    public static String ipv4(InstanceState state) {
        if (state == null || state.network() == null) {
            return null;
        }
        List<String> names = new ArrayList<>(state.network().keySet());
        names.sort(Comparator.comparing((String n) -> !n.equals("eth0")).thenComparing(n -> n));
        for (String n : names) {
            InstanceState.NetworkInterface nic = state.network().get(n);
            if (nic == null || nic.addresses() == null || n.equals("lo")) {
                continue;
            }
            for (InstanceState.Address a : nic.addresses()) {
                if ("inet".equals(a.family()) && "global".equals(a.scope())) {
                    return a.address();
                }
            }
        }
        return null;
    }
}
