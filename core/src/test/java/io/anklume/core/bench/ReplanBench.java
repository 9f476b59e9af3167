package io.anklume.core.bench;

import io.anklume.core.plan.ApplyListener;
import io.anklume.core.plan.ApplyReport;
import io.anklume.core.plan.Plan;
import io.anklume.core.plan.Reconciler;
import io.anklume.incus.IncusClient;
import io.anklume.incus.events.Event;
import io.anklume.incus.events.EventListener;
import io.anklume.incus.events.EventSubscription;
import io.anklume.incus.lab.IncusLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The no-op re-plan of a managed population, applied once (not timed), on both paths: fresh reads (the
 * CLI's {@code plan}, a one-shot process) and the TUI's plan view, which keeps the observed state
 * between plans and drops it on Incus events ({@link Reconciler#cached}). Alone:
 * {@code ReplanBench [machines, default 40]} prints the two medians and removes everything it made.
 */
final class ReplanBench {
    private static final long QUIET_MS = 1_000;
    private static final long SETTLE_LIMIT_MS = 60_000;

    private final IncusClient client;
    private final Report report;

    ReplanBench(IncusClient client, Report report) {
        this.client = client;
        this.report = report;
    }

    public static void main(String[] args) throws Exception {
        int machines = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Report report = new Report();
        try (IncusClient client = IncusLab.connect()) {
            new ReplanBench(client, report).run(machines, ApplyBench.REPEATS);
        }

    }

    void run(int machines, int repeats) throws Exception {
        List<String> domains = new ArrayList<>();
        for (int n = 0; n < machines; n += ApplyBench.PER_DOMAIN) {
            domains.add(ApplyBench.freshDomain());
        }
        Path file = Files.createTempFile("bench-infra", ".yml");
        Files.writeString(file, ApplyBench.infraText(ApplyBench.freeZone(client), domains, machines));
        HostLinks.awaitDeletionsSettled(client);
        try (Reconciler fresh = new Reconciler(client, false); Reconciler cached = Reconciler.cached(client, false)) {
            Reconciler.Planned planned = fresh.plan(file);
            if (planned.plan() == null) {
                throw new IllegalStateException("bench infra is invalid: " + planned.problems());
            }
            ApplyReport result = fresh.apply(planned.plan(), 8, ApplyListener.NONE);
            if (!result.succeeded()) {
                throw new IllegalStateException("bench apply failed: " + result.lines());
            }
            awaitNoEvents();
            String what = "no-op re-plan of " + machines + " managed instances";
            String note = domains.size() + " domains; read the file, validate, address, read Incus, diff; " + repeats + " runs";
            // The goal is the interactive re-plan's (the TUI's plan view); a CLI plan is a new process
            // that must read Incus afresh, which incusd's list answer dominates at this size.
            report.addValue(what + ", fresh reads (CLI)", Report.ms(median(fresh, file, machines, repeats)),
                    "– (for reference)", note + "; every plan reads Incus");
            report.addValue(what + ", TUI plan view (kept, dropped on events)",
                    Report.ms(median(cached, file, machines, repeats)), "< 150 ms",
                    note + "; the first plan reads Incus and is not timed");
        } finally {
            Files.deleteIfExists(file);
            for (String d : domains) {
                ApplyBench.removeDomain(client, d);
            }
        }
    }

    private static double median(Reconciler reconciler, Path file, int machines, int repeats) {
        List<Double> times = new ArrayList<>();
        for (int r = 0; r < repeats + 2; r++) {
            long t0 = System.nanoTime();
            Plan again = reconciler.plan(file).plan();
            double elapsed = Stats.millisSince(t0);
            if (!again.isEmpty()) {
                throw new IllegalStateException("re-plan of " + machines + " is not empty: " + again.diffLines());
            }
            if (r >= 2) { // the first two warm the JIT (and fill the cache)
                times.add(elapsed);
            }
        }
        return Stats.of(times).median();
    }

    /**
     * The apply's lifecycle events go on arriving after it returns, and each one drops part of the
     * cache; the re-plans are timed once no event came for {@link #QUIET_MS}.
     */
    private void awaitNoEvents() throws InterruptedException {
        AtomicLong last = new AtomicLong(System.nanoTime());
        EventSubscription events = client.events().subscribe(Set.of("lifecycle"), new EventListener() {
            @Override
            public void onEvent(Event event) {
                last.set(System.nanoTime());
            }
        });
        try {
            long start = System.nanoTime();
            while ((System.nanoTime() - last.get()) / 1_000_000 < QUIET_MS) {
                if ((System.nanoTime() - start) / 1_000_000 > SETTLE_LIMIT_MS) {
                    throw new IllegalStateException("Incus events did not stop within " + SETTLE_LIMIT_MS + " ms");
                }
                Thread.sleep(100);
            }
        } finally {
            events.close();
        }
    }
}
