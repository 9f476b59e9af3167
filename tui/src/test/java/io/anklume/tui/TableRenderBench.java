package io.anklume.tui;

import io.anklume.core.infra.TrustLevel;
import io.anklume.core.inventory.InstanceView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The instance table of the real App on a 200×50 virtual terminal: one key press (selection moves,
 * frame redrawn) and one inventory update (every row's state changes: re-sort, re-filter, redraw).
 * Run with 10 and 1000 instances to show that a frame's cost does not follow the inventory's size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TableRenderBench {
    private static final TrustLevel[] TRUST = TrustLevel.values();

    @Param({"10", "1000"})
    public int rows;

    private Harness harness;
    private List<InstanceView> running;
    private List<InstanceView> stopped;
    private boolean flip;

    @Setup
    public void setUp() {
        running = population(rows, "Running");
        stopped = population(rows, "Stopped");
        harness = new Harness(200, 50, false, running);
        harness.press("g"); // grouped by domain: the most work per frame
    }

    @Benchmark
    public Harness keyPress() {
        flip = !flip;
        harness.inventory.detailsAsked.clear(); // the fake records every request; keep it from growing
        return harness.press(flip ? "Down" : "Up");
    }

    @Benchmark
    public Harness inventoryUpdate() {
        flip = !flip;
        harness.inventory.detailsAsked.clear();
        harness.inventory.set(flip ? stopped : running, true, null);
        harness.render();
        return harness;
    }

    static List<InstanceView> population(int n, String status) {
        List<InstanceView> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String domain = "d" + (i % 20);
            all.add(Fakes.instance(domain, domain + "-m" + i, TRUST[i % TRUST.length], status,
                    "10.1" + (i % 20) + "." + (i / 250) + "." + (i % 250 + 1), i % 7 != 0));
        }
        return all;
    }
}
