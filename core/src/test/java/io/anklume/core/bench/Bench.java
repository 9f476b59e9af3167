package io.anklume.core.bench;

import io.anklume.core.inventory.InstanceView;
import io.anklume.core.inventory.InventorySettings;
import io.anklume.core.inventory.InventorySnapshot;
import io.anklume.core.inventory.LiveInventory;
import io.anklume.incus.IncusClient;
import io.anklume.incus.events.Event;
import io.anklume.incus.events.EventListener;
import io.anklume.incus.events.EventSubscription;
import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.StateAction;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The side-by-side benchmark behind {@code scripts/bench.sh}: builds a population of busybox
 * containers over five projects in the lab, measures anklume-tui's code paths and their baselines
 * (the incus CLI, the per-instance pattern, raw REST) in the same run, and writes docs/benchmarks.md.
 * Usage: {@code Bench <docs/benchmarks.md> [sizes, e.g. 10,100,300]}.
 */
public final class Bench {
    static final int PROJECTS = 5;
    static final int REPEATS = 7;

    private final IncusLab lab;
    private final IncusClient client;
    private final Report report = new Report();
    private final List<String> projects = new ArrayList<>();
    private final Map<String, String> bridgeOf = new ConcurrentHashMap<>();
    private final List<String[]> instances = new ArrayList<>(); // {project, name}
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    Bench(IncusLab lab) {
        this.lab = lab;
        this.client = lab.client();
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
        int[] sizes = args.length > 1
                ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {10, 100, 300};
        try (IncusLab lab = IncusLab.create()) {
            Bench bench = new Bench(lab);
            try {
                bench.run(sizes);
            } finally {
                bench.deleteAll();
            }
            if (!"false".equals(System.getenv("BENCH_APPLY"))) {
                new ApplyBench(lab, bench.report).run();
            }
            bench.report.write(out, Machine.describe(), LocalDate.now().toString());
            System.out.println("wrote " + out);
        }
    }

    void run(int[] sizes) throws Exception {
        projects.add(lab.project());
        bridgeOf.put(lab.project(), lab.bridge());
        for (int i = 1; i < PROJECTS; i++) {
            // One bridge per project: 300 containers do not fit one /24 of DHCP leases.
            String bridge = lab.extraBridge().getKey();
            String p = lab.extraProject(bridge);
            projects.add(p);
            bridgeOf.put(p, bridge);
        }
        for (int size : sizes) {
            grow(size);
            inventoryRefresh(size);
        }
        eventLatency();
        StartupBench.measure(report, instances.size());
    }

    /** Launches containers (started) until there are {@code size}, spread over the projects. */
    void grow(int size) throws Exception {
        long t0 = System.nanoTime();
        List<Future<?>> launches = new ArrayList<>();
        for (int n = instances.size(); n < size; n++) {
            String project = projects.get(n % PROJECTS);
            String name = "b" + n;
            instances.add(new String[] {project, name});
            launches.add(pool.submit(() -> client.instances().create(project, lab.busybox(name, true))
                    .await(Duration.ofMinutes(2))));
        }
        for (Future<?> f : launches) {
            f.get();
        }
        System.out.printf("population: %d running containers over %d projects (%.1f s to grow)%n", size, PROJECTS,
                Stats.millisSince(t0) / 1000);
    }

    void inventoryRefresh(int size) throws Exception {
        LiveInventory inventory = new LiveInventory(client, Clock.systemUTC(),
                InventorySettings.defaults().withFullRefresh(Duration.ofHours(1)));
        List<Double> ours = new ArrayList<>();
        InventorySnapshot last = null;
        for (int i = 0; i < REPEATS + 3; i++) {
            long t0 = System.nanoTime();
            last = inventory.reloadNow();
            if (i >= 3) { // the first reloads warm the JIT and the connection pool
                ours.add(Stats.millisSince(t0));
            }
        }
        inventory.close();
        long withIp = last.instances().stream().filter(v -> v.ipv4() != null).count();
        long pairs = last.instances().stream().map(v -> v.ref().project()).distinct().count();

        List<Double> cli = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            Shell.run("incus", "list", "--all-projects", "--format", "json");
            cli.add(Stats.millisSince(t0));
        }

        int sample = Math.min(20, instances.size());
        long t0 = System.nanoTime();
        for (int i = 0; i < sample; i++) {
            String[] pn = instances.get(i * instances.size() / sample);
            Shell.run("incus", "list", pn[1], "--project", pn[0], "--format", "json");
        }
        double perInstance = Stats.millisSince(t0) / sample * size;

        double oursMedian = Stats.of(ours).median();
        report.add("inventory refresh, " + size + " containers", oursMedian, "`incus list --all-projects`",
                Stats.of(cli).median(), size == 300 ? "≥ 10×" : "", withIp + "/" + size + " with IPv4; "
                        + (1 + pairs) + " requests (1 list + 1 lease read per project/bridge)");
        report.add("inventory refresh, " + size + " containers", oursMedian, "per-instance `incus list <name>`",
                perInstance, size == 300 ? "≥ 500×" : "", "baseline sampled on " + sample + " instances and scaled to " + size);
    }

    /** From the lifecycle event reaching this process to the inventory showing the new status. */
    void eventLatency() throws Exception {
        LiveInventory inventory = new LiveInventory(client, Clock.systemUTC(), InventorySettings.defaults());
        inventory.start();
        inventory.awaitLoaded(Duration.ofSeconds(30));
        Map<String, Long> eventAt = new ConcurrentHashMap<>();
        Map<String, Long> shownAt = new ConcurrentHashMap<>();
        Map<String, String> expected = new ConcurrentHashMap<>();
        Runnable unsubscribe = inventory.addListener(snapshot -> {
            long now = System.nanoTime();
            for (InstanceView v : snapshot.instances()) {
                String want = expected.get(v.name());
                if (want != null && want.equalsIgnoreCase(v.status())) {
                    shownAt.putIfAbsent(v.name() + "/" + want, now);
                }
            }
        });
        EventSubscription raw = client.events().subscribe(Set.of("lifecycle"), new EventListener() {
            @Override
            public void onEvent(Event e) {
                if ("instance-started".equals(e.action()) || "instance-stopped".equals(e.action())) {
                    String status = e.action().endsWith("started") ? "Running" : "Stopped";
                    eventAt.putIfAbsent(e.name() + "/" + status, System.nanoTime());
                }
            }
        });
        Thread.sleep(500);
        List<Double> latencies = new ArrayList<>();
        List<String[]> subjects = instances.subList(0, Math.min(10, instances.size()));
        for (int round = 0; round < 10; round++) {
            String status = round % 2 == 0 ? "Stopped" : "Running";
            for (String[] pn : subjects) {
                String key = pn[1] + "/" + status;
                eventAt.remove(key);
                shownAt.remove(key);
                expected.put(pn[1], status);
                StateAction action = status.equals("Stopped")
                        ? new StateAction(StateAction.Kind.STOP, 0, true, false) : StateAction.of(StateAction.Kind.START);
                client.instances().changeState(pn[0], pn[1], action).await(Duration.ofSeconds(30));
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while ((!eventAt.containsKey(key) || !shownAt.containsKey(key)) && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                if (eventAt.containsKey(key) && shownAt.containsKey(key)) {
                    latencies.add(Math.max(0, (shownAt.get(key) - eventAt.get(key)) / 1e6));
                }
            }
        }
        raw.close();
        unsubscribe.run();
        inventory.close();
        Stats s = Stats.of(latencies);
        report.addValue("event → inventory latency, " + latencies.size() + " state changes",
                String.format(java.util.Locale.ROOT, "p50 %s, p99 %s", Report.ms(s.median()), Report.ms(s.percentile(99))),
                "p99 < 100 ms", "from the lifecycle event reaching the process to the model showing the new status");
    }

    void deleteAll() throws Exception {
        List<Future<?>> deletions = new ArrayList<>();
        for (String[] pn : instances) {
            deletions.add(pool.submit(() -> IncusLab.forceDelete(client, pn[0], pn[1])));
        }
        for (Future<?> f : deletions) {
            try {
                f.get();
            } catch (Exception e) {
                System.err.println("cleanup: " + e.getMessage());
            }
        }
        pool.shutdown();
    }

    /** Runs a command and fails on a non-zero exit. */
    static final class Shell {
        static String run(String... command) throws IOException, InterruptedException {
            // incus reads a config from stdin when it is not a terminal: give it nothing.
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        }
    }

    /** Names the machine the figures were taken on. */
    static final class Machine {
        static String describe() {
            try {
                String cpu = Shell.run("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip();
                String incus = Shell.run("incus", "version").lines().filter(l -> l.startsWith("Server"))
                        .findFirst().orElse("").replace("Server version:", "").strip();
                long memKb = Long.parseLong(Shell.run("sh", "-c", "awk '/MemTotal/ {print $2}' /proc/meminfo").strip());
                return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                        + Math.round(memKb / 1024.0 / 1024.0) + " GiB, Incus " + incus
                        + ", dir pool, busybox containers, Java " + System.getProperty("java.version");
            } catch (Exception e) {
                return "unknown machine";
            }
        }
    }

}
