package io.anklume.core.plan.lab;

import io.anklume.core.infra.Domain;
import io.anklume.core.infra.Global;
import io.anklume.core.infra.Infra;
import io.anklume.core.infra.Machine;
import io.anklume.core.infra.SourceMap;
import io.anklume.core.infra.TrustLevel;
import io.anklume.core.net.AddressPlan;
import io.anklume.core.net.Addressing;
import io.anklume.core.net.DomainAddressing;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusConfig;
import io.anklume.incus.IncusException;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstancePut;
import io.anklume.incus.model.Network;
import io.anklume.incus.model.Profile;
import io.anklume.incus.model.Project;
import io.anklume.incus.model.StateAction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Shared helpers of the plan/apply integration tests: the daemon connection, one-domain infras with a
 * unique name ({@code t-pl<random>}, bridge {@code net-t-pl<random>}, the patterns scripts/test.sh
 * cleans) and a free 10.150-199 zone, and removal of everything a test domain left.
 */
public final class PlanLab {
    public static final String PREFIX = "t-pl";

    private PlanLab() {}

    public static IncusClient connect() {
        return IncusClient.connect(IncusConfig.local());
    }

    /** core.net's allocation once feat/infra is merged; until then the format doc's rule for one admin domain. */
    public static AddressPlan addressing(Infra infra) {
        try {
            return Addressing.allocate(infra);
        } catch (UnsupportedOperationException e) {
            Map<String, DomainAddressing> domains = new LinkedHashMap<>();
            Map<String, String> ips = new LinkedHashMap<>();
            for (Domain d : infra.enabledDomains()) {
                int zone = infra.global().zoneBase() + d.trustLevel().zoneOffset();
                String prefix = infra.global().baseOctet() + "." + zone + ".0.";
                domains.put(d.name(), new DomainAddressing(d.name(), d.bridge(), zone, 0, prefix + "0/24", prefix + "254"));
                int host = 1;
                for (Machine m : d.machines()) {
                    ips.put(m.name(), m.ip() != null ? m.ip() : prefix + host++);
                }
            }
            return new AddressPlan(domains, ips);
        }
    }

    /**
     * One admin domain with {@code machines} busybox containers; the first has {@code limits.memory}. Its
     * bridge does not NAT (global.nat false): the network rule of the test lab.
     */
    public static Infra infra(String domain, int zoneBase, int machines, String firstMemory) {
        return infra(domain, zoneBase, machines, firstMemory, Map.of());
    }

    /** As above, with {@code firstDevices} as the first machine's devices. */
    public static Infra infra(String domain, int zoneBase, int machines, String firstMemory,
                              Map<String, Map<String, String>> firstDevices) {
        List<Machine> list = new ArrayList<>();
        for (int k = 1; k <= machines; k++) {
            Map<String, String> config = k == 1 ? Map.of("limits.memory", firstMemory) : Map.of();
            Map<String, Map<String, String>> devices = k == 1 ? firstDevices : Map.of();
            list.add(new Machine(domain + "-m" + k, domain, "", Machine.Type.LXC, null, null, null, false, List.of(), null,
                    null, null, null, null, config, devices, Map.of(), Map.of(), List.of()));
        }
        Domain d = new Domain(domain, "plan/apply integration test", true, null, TrustLevel.ADMIN, false, Map.of(), list);
        return new Infra("plan-it", new Global(10, zoneBase, "busybox", Global.GpuPolicy.EXCLUSIVE,
                Global.FirewallMode.HOST, null).withNat(false), List.of(d), List.of(), new SourceMap("infra.yml", Map.of()));
    }

    /** The same infra as YAML, for the real loader. */
    public static String yaml(String domain, int zoneBase, int machines, String firstMemory) {
        StringBuilder y = new StringBuilder("""
                project_name: plan-it
                global:
                  addressing:
                    base_octet: 10
                    zone_base: %d
                  default_os_image: busybox
                  nat: false   # the test lab's bridges never NAT
                domains:
                  %s:
                    description: "plan/apply integration test"
                    trust_level: admin
                    machines:
                """.formatted(zoneBase, domain));
        for (int k = 1; k <= machines; k++) {
            y.append("      ").append(domain).append("-m").append(k).append(":\n        type: lxc\n");
            if (k == 1) {
                y.append("        config:\n          limits.memory: ").append(firstMemory).append('\n');
            }
        }
        return y.toString();
    }

    public static String newDomainName() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder name = new StringBuilder(PREFIX);
        for (int i = 0; i < 5; i++) {
            name.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return name.toString();
    }

    /** A zone in 150..199 that no Incus bridge and no host route uses, and not in {@code taken}. */
    public static int freeZone(IncusClient incus, Set<Integer> taken) {
        Set<String> used = new HashSet<>();
        for (Network n : incus.networks().list(null)) {
            String a = n.config() == null ? null : n.config().get("ipv4.address");
            if (a != null && a.startsWith("10.")) {
                used.add(a.split("\\.")[1]);
            }
        }
        String routes = "";
        try {
            routes = new String(new ProcessBuilder("ip", "-4", "route").start().getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            // No ip tool: the Incus bridges are what matters on the lab machine.
        }
        for (int attempt = 0; attempt < 500; attempt++) {
            int z = 150 + ThreadLocalRandom.current().nextInt(50);
            if (!used.contains(Integer.toString(z)) && !routes.contains("10." + z + ".") && taken.add(z)) {
                return z;
            }
        }
        throw new IllegalStateException("no free zone in 10.150-199");
    }

    /**
     * Tags a test domain's project and bridge with IncusLab's marker, so scripts/test.sh removes them if
     * this run is killed. The planner ignores the key: it is not in the user.anklume.* namespace.
     */
    public static void mark(IncusClient incus, String domain) {
        String now = String.valueOf(Instant.now().getEpochSecond());
        incus.projects().find(domain).filter(p -> !p.config().containsKey(IncusLab.MARKER)).ifPresent(p -> {
            Map<String, String> config = new LinkedHashMap<>(p.config());
            config.put(IncusLab.MARKER, now);
            incus.projects().update(domain, p.description(), config);
        });
        incus.networks().find(null, "net-" + domain).filter(n -> !n.config().containsKey(IncusLab.MARKER))
                .ifPresent(n -> incus.networks().patch(null, n.name(), Map.of(IncusLab.MARKER, now)));
    }

    /** Removes leftovers of killed runs: every t-pl* project and net-t-pl* bridge. */
    public static void removeLeftovers(IncusClient incus) {
        for (Project p : incus.projects().list()) {
            if (p.name().startsWith(PREFIX)) {
                remove(incus, p.name());
            }
        }
        for (Network n : incus.networks().list(null)) {
            if (n.name().startsWith("net-" + PREFIX)) {
                remove(incus, n.name().substring(4));
            }
        }
    }

    /** {@link #removeDomains} of one domain. */
    public static void removeDomain(IncusClient incus, String name) {
        removeDomains(incus, List.of(name));
    }

    /**
     * Removes every test domain, then fails naming each of their bridges that did not say
     * {@code ipv4.nat=false}. The network rule (test traffic stays on NAT-less bridges) is checked here
     * because every IT that applies an infra cleans up through this: a test infra that forgets
     * {@code nat: false} fails its class instead of quietly giving containers the internet.
     */
    public static void removeDomains(IncusClient incus, Collection<String> names) {
        List<String> natting = new ArrayList<>();
        for (String name : names) {
            incus.networks().find(null, "net-" + name).flatMap(PlanLab::natProblem).ifPresent(natting::add);
            remove(incus, name);
        }
        if (!natting.isEmpty()) {
            throw new AssertionError(String.join("\n", natting));
        }
    }

    /** Why a test bridge breaks the network rule, or empty when its {@code ipv4.nat} is {@code false}. */
    public static Optional<String> natProblem(Network bridge) {
        String nat = bridge.config() == null ? null : bridge.config().get("ipv4.nat");
        if ("false".equals(nat)) {
            return Optional.empty();
        }
        return Optional.of("test bridge " + bridge.name() + " had ipv4.nat=" + (nat == null ? "(unset)" : nat)
                + ", but the test lab's bridges never NAT: add 'nat: false' to the test's infra (global or the domain)");
    }

    /** Instances (unprotected and stopped first), extra profiles, the project, then its bridge. */
    private static void remove(IncusClient incus, String name) {
        try {
            if (incus.projects().find(name).isPresent()) {
                for (Instance i : incus.instances().list(name, false)) {
                    incus.instances().patch(name, i.name(),
                            new InstancePut(Map.of("security.protection.delete", ""), null, null, null, null), null);
                    if (!"Stopped".equalsIgnoreCase(i.status())) {
                        try {
                            incus.instances().changeState(name, i.name(), new StateAction(StateAction.Kind.STOP, 0, true, false))
                                    .await();
                        } catch (IncusException e) {
                            // already stopped
                        }
                    }
                    incus.instances().delete(name, i.name()).await();
                }
                for (Profile p : incus.profiles().list(name)) {
                    if (!p.name().equals("default")) {
                        incus.profiles().delete(name, p.name());
                    }
                }
                incus.projects().delete(name);
            }
            if (incus.networks().find(null, "net-" + name).isPresent()) {
                incus.networks().delete(null, "net-" + name);
            }
        } catch (IncusException e) {
            System.err.println("cleanup of test domain " + name + ": " + e.getMessage());
        }
    }
}
