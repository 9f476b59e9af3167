package io.anklume.core.bench;

import io.anklume.core.plan.ApplyListener;
import io.anklume.core.plan.ApplyReport;
import io.anklume.core.plan.Reconciler;
import io.anklume.incus.IncusClient;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstanceCreate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Apply of N containers from an infra file, side by side with a sequential shell loop of
 * {@code incus launch} + {@code incus config set} and with incusd's best raw throughput (parallel
 * REST create+start), each repeated and everything deleted between repetitions.
 */
final class ApplyBench {
    static final int MACHINES = Integer.getInteger("bench.apply.machines", 50);
    static final int REPEATS = Integer.getInteger("bench.apply.repeats", 5);

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
        List<Double> replan = new ArrayList<>();
        String project = lab.extraProject();
        for (int r = 0; r < REPEATS; r++) {
            ours.add(applyOnce(replan));
            loop.add(shellLoop(project));
            raw.add(rawParallel(project));
        }
        double o = Stats.of(ours).median();
        report.add("apply " + MACHINES + " containers from infra.yml", o, "sequential `incus launch` + `incus config set`",
                Stats.of(loop).median(), "≥ 1.3×", "plan + apply, --parallel 8, " + REPEATS + " runs");
        report.add("apply " + MACHINES + " containers from infra.yml", o, "raw parallel REST create+start (8 threads)",
                Stats.of(raw).median(), "≥ 0.9× (within 10%)", "incusd's best throughput measured in the same run");
        report.addValue("no-op re-plan of " + MACHINES + " managed instances", Report.ms(Stats.of(replan).median()),
                "< 150 ms", "constant number of requests; after each apply");
    }

    /** One apply of a fresh domain; returns its wall time and removes it. */
    private double applyOnce(List<Double> replan) throws Exception {
        String domain = "ba" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        domain = domain.substring(0, Math.min(11, domain.length()));
        int zone = freeZone();
        StringBuilder yaml = new StringBuilder("project_name: bench\nglobal:\n  addressing: {base_octet: 10, zone_base: " + zone
                + "}\n  default_os_image: busybox\ndomains:\n  " + domain + ":\n    trust_level: admin\n    ephemeral: true\n    machines:\n");
        for (int i = 0; i < MACHINES; i++) {
            yaml.append("      ").append(domain).append("-").append(i).append(":\n        config:\n          limits.memory: 64MiB\n");
        }
        Path file = Files.createTempFile("bench-infra", ".yml");
        Files.writeString(file, yaml.toString());
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
        if (client.projects().find(domain).isPresent()) {
            deleteAll(domain);
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
