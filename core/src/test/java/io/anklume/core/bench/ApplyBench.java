package io.anklume.core.bench;

import io.anklume.core.plan.Action;
import io.anklume.core.plan.ApplyListener;
import io.anklume.core.plan.ApplyReport;
import io.anklume.core.plan.Reconciler;
import io.anklume.core.plan.lab.PlanLab;
import io.anklume.incus.IncusClient;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstanceCreate;
import io.anklume.incus.model.InstanceSource;
import io.anklume.incus.model.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Apply of N containers from an infra file, side by side with a sequential shell loop of
 * {@code incus launch} + {@code incus config set} and with incusd's best raw throughput: the same
 * requests (project, bridge, profile, then every instance create+start, 8 at a time) sent by a
 * minimal client with no planning, and plain instance creates in an existing project. Each is
 * repeated and everything deleted between repetitions. Then the no-op re-plan of a larger managed
 * population ({@code bench.replan.machines}, default 300; {@link ReplanBench}).
 */
final class ApplyBench {
    static final int MACHINES = Integer.getInteger("bench.apply.machines", 50);
    static final int REPEATS = Integer.getInteger("bench.apply.repeats", 5);
    static final int REPLAN_MACHINES = Integer.getInteger("bench.replan.machines", 300);
    /** anklume's addressing gives a domain at most 99 static machines. */
    static final int PER_DOMAIN = 60;

    private final IncusLab lab;
    private final IncusClient client;
    private final Report report;

    ApplyBench(IncusLab lab, Report report) {
        this.lab = lab;
        this.client = lab.client();
        this.report = report;
    }

    void run() throws Exception {
        List<Double> ours = new ArrayList<>();
        List<Double> loop = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> rawSame = new ArrayList<>();
        List<Double> replan = new ArrayList<>();
        String project = lab.extraProject();
        for (int r = 0; r < REPEATS; r++) {
            // Each starts once the previous one's deletions are through (HostLinks says why).
            HostLinks.awaitDeletionsSettled(client);
            ours.add(applyOnce(replan));
            HostLinks.awaitDeletionsSettled(client);
            loop.add(shellLoop(project));
            HostLinks.awaitDeletionsSettled(client);
            rawSame.add(rawSameRequests());
            HostLinks.awaitDeletionsSettled(client);
            raw.add(rawParallel(project));
        }
        double o = Stats.of(ours).median();
        report.add("apply " + MACHINES + " containers from infra.yml", o, "sequential `incus launch` + `incus config set`",
                Stats.of(loop).median(), "≥ 1.3×", "plan + apply, --parallel 8, " + REPEATS + " runs");
        report.add("apply " + MACHINES + " containers from infra.yml", o,
                "raw REST, the same requests (project, bridge, profile, then 8 creates+starts at a time)",
                Stats.of(rawSame).median(), "≥ 0.9× (within 10%)",
                "incusd's best throughput for the same objects, measured in the same run; ours includes reading the file and planning");
        report.add("apply " + MACHINES + " containers from infra.yml", o, "raw parallel REST create+start into an existing project",
                Stats.of(raw).median(), "–", "for reference: no project, bridge or profile to make, no static addresses");
        report.addValue("no-op re-plan of " + MACHINES + " managed instances, fresh reads (CLI)",
                Report.ms(Stats.of(replan).median()), "< 150 ms", "constant number of requests; after each apply");
        new ReplanBench(client, report).run(REPLAN_MACHINES, REPEATS);
    }

    /** One apply of a fresh domain; returns its wall time and removes it. */
    private double applyOnce(List<Double> replan) throws Exception {
        String domain = freshDomain();
        Path file = Files.createTempFile("bench-infra", ".yml");
        Files.writeString(file, infraText(freeZone(), List.of(domain), MACHINES));
        Reconciler reconciler = new Reconciler(client, false);
        try {
            long t0 = System.nanoTime();
            Reconciler.Planned planned = reconciler.plan(file);
            if (planned.plan() == null) {
                throw new IllegalStateException("bench infra is invalid: " + planned.problems());
            }
            ApplyReport result = reconciler.apply(planned.plan(), 8, ApplyListener.NONE);
            double elapsed = Stats.millisSince(t0);
            if (!result.succeeded()) {
                throw new IllegalStateException("bench apply failed: " + result.lines());
            }
            long r0 = System.nanoTime();
            if (!reconciler.plan(file).plan().isEmpty()) {
                throw new IllegalStateException("second plan is not empty");
            }
            replan.add(Stats.millisSince(r0));
            return elapsed;
        } finally {
            Files.deleteIfExists(file);
            removeDomain(domain);
        }
    }

    /**
     * The requests an apply of the same file sends, taken from its plan (data only) and sent by the
     * simplest client that respects their order: project and bridge, the profile, then every
     * instance create+start, 8 at a time. Only this part is timed.
     */
    private double rawSameRequests() throws Exception {
        String domain = freshDomain();
        Path file = Files.createTempFile("bench-infra", ".yml");
        Files.writeString(file, infraText(freeZone(), List.of(domain), MACHINES));
        List<Action> actions = new Reconciler(client, false).plan(file).plan().actions();
        Files.deleteIfExists(file);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            long t0 = System.nanoTime();
            List<Future<?>> creates = new ArrayList<>();
            for (Action a : actions) {
                if (a instanceof Action.CreateProject p) {
                    client.projects().create(p.name(), p.description(), p.config());
                } else if (a instanceof Action.CreateNetwork n) {
                    client.networks().create(null, n.name(), "bridge", n.description(), n.config());
                } else if (a instanceof Action.UpdateProfile p) {
                    Profile have = client.profiles().find(p.project(), p.name()).orElseThrow();
                    Map<String, Map<String, String>> devices = new LinkedHashMap<>(have.devices());
                    p.deviceChanges().forEach(d -> devices.put(d.name(), d.newDevice()));
                    Map<String, String> config = new LinkedHashMap<>(have.config());
                    p.configChanges().forEach(c -> config.put(c.key(), c.newValue()));
                    client.profiles().update(p.project(), new Profile(have.name(), have.description(), config,
                            devices, have.usedBy(), have.project()));
                } else if (a instanceof Action.CreateInstance c) {
                    InstanceCreate body = new InstanceCreate(c.name(), c.type(), InstanceSource.imageAlias(c.image()),
                            c.profiles(), false, c.config(), c.devices(), c.description(), true);
                    creates.add(pool.submit(() -> client.instances().create(c.project(), body).await(Duration.ofMinutes(2))));
                } else {
                    throw new IllegalStateException("the raw baseline does not send " + a.kind());
                }
            }
            for (Future<?> f : creates) {
                f.get();
            }
            return Stats.millisSince(t0);
        } finally {
            pool.shutdown();
            removeDomain(domain);
        }
    }

    static String freshDomain() {
        String domain = "ba" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        return domain.substring(0, Math.min(11, domain.length()));
    }

    /** Machines spread over the domains, {@link #PER_DOMAIN} at most each, all admin in one zone. */
    static String infraText(int zone, List<String> domains, int machines) {
        StringBuilder yaml = new StringBuilder("project_name: bench\nglobal:\n  addressing: {base_octet: 10, zone_base: " + zone
                + "}\n  default_os_image: busybox\n  nat: false  # the test lab's bridges never NAT\ndomains:\n");
        int perDomain = (machines + domains.size() - 1) / domains.size();
        for (int d = 0; d < domains.size(); d++) {
            String domain = domains.get(d);
            yaml.append("  ").append(domain).append(":\n    trust_level: admin\n    ephemeral: true\n    machines:\n");
            for (int i = d * perDomain; i < Math.min(machines, (d + 1) * perDomain); i++) {
                yaml.append("      ").append(domain).append("-").append(i).append(":\n        config:\n          limits.memory: 64MiB\n");
            }
        }
        return yaml.toString();
    }

    private double shellLoop(String project) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < MACHINES; i++) {
            String name = "loop-" + i;
            Bench.Shell.run("incus", "launch", IncusLab.IMAGE, name, "--project", project, "-q");
            Bench.Shell.run("incus", "config", "set", name, "limits.memory=64MiB", "--project", project);
        }
        double elapsed = Stats.millisSince(t0);
        deleteAll(project);
        return elapsed;
    }

    private double rawParallel(String project) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            long t0 = System.nanoTime();
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < MACHINES; i++) {
                String name = "raw-" + i;
                InstanceCreate create = lab.busybox(name, true);
                create.config().put("limits.memory", "64MiB");
                all.add(pool.submit(() -> client.instances().create(project, create).await(Duration.ofMinutes(2))));
            }
            for (Future<?> f : all) {
                f.get();
            }
            double elapsed = Stats.millisSince(t0);
            deleteAll(project);
            return elapsed;
        } finally {
            pool.shutdown();
        }
    }

    private void deleteAll(String project) throws Exception {
        deleteAll(client, project);
    }

    static void deleteAll(IncusClient client, String project) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (Instance i : client.instances().list(project, false)) {
                all.add(pool.submit(() -> IncusLab.forceDelete(client, project, i.name())));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private void removeDomain(String domain) throws Exception {
        removeDomain(client, domain);
    }

    /** Removes a bench domain, then fails if its bridge NATed (the test lab's network rule). */
    static void removeDomain(IncusClient client, String domain) throws Exception {
        Optional<String> natting = client.networks().find(null, "net-" + domain).flatMap(PlanLab::natProblem);
        removeDomainObjects(client, domain);
        if (natting.isPresent()) {
            throw new IllegalStateException(natting.get());
        }
    }

    private static void removeDomainObjects(IncusClient client, String domain) throws Exception {
        if (client.projects().find(domain).isPresent()) {
            deleteAll(client, domain);
            for (var p : client.profiles().list(domain)) {
                if (!p.name().equals("default")) {
                    client.profiles().delete(domain, p.name());
                }
            }
            client.projects().delete(domain);
        }
        if (client.networks().find(null, "net-" + domain).isPresent()) {
            client.networks().delete(null, "net-" + domain);
        }
    }

    private int freeZone() {
        return freeZone(client);
    }

    static int freeZone(IncusClient client) {
        Set<Integer> used = new java.util.HashSet<>();
        client.networks().list(null).forEach(n -> {
            String a = n.config() == null ? null : n.config().get("ipv4.address");
            if (a != null && a.startsWith("10.")) {
                used.add(Integer.parseInt(a.split("\\.")[1]));
            }
        });
        for (int z = 170; z < 200; z++) {
            if (!used.contains(z)) {
                return z;
            }
        }
        throw new IllegalStateException("no free zone for the bench domain");
    }

}
