package io.anklume.tui.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH microbenchmarks of the hot paths and writes their section of docs/benchmarks.md
 * (replacing an earlier one). Each figure is set beside its budget (a 60 Hz frame for the table, the
 * no-op re-plan goal for the diff) and beside the same code on the small input, so the ratios say
 * both "fast enough" and "does not grow with the inventory".
 * Usage: {@code Micro <docs/benchmarks.md>}.
 */
public final class Micro {
    static final String HEADING = "## Microbenchmarks (JMH)";
    static final double FRAME_BUDGET_US = 1_000_000.0 / 60;
    static final double REPLAN_BUDGET_US = 150_000.0;
    static final String FAILED = "no result: the benchmark failed";

    private Micro() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
        Options options = new OptionsBuilder()
                .include("io\\.anklume\\.tui\\.(TableRenderBench|bench\\.PlanDiffBench)")
                .forks(Integer.getInteger("bench.jmh.forks", 1))
                .warmupIterations(Integer.getInteger("bench.jmh.warmups", 5))
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(Integer.getInteger("bench.jmh.iterations", 5))
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-XX:+UseSerialGC")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> score = new TreeMap<>();
        Map<String, Double> error = new TreeMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceAll(".*\\.(\\w+\\.\\w+)$", "$1");
            String param = r.getParams().getParamsKeys().stream().map(r.getParams()::getParam)
                    .findFirst().orElse("");
            score.put(name + "/" + param, r.getPrimaryResult().getScore());
            error.put(name + "/" + param, r.getPrimaryResult().getScoreError());
        }
        String section = section(score, error);
        write(out, section);
        System.out.println("wrote the JMH section of " + out);
        if (section.contains(FAILED)) {
            System.err.println("some microbenchmarks gave no result (see their error above)");
            System.exit(1);
        }
    }

    static String section(Map<String, Double> score, Map<String, Double> error) {
        StringBuilder b = new StringBuilder(HEADING).append("\n\n")
                .append("Written by `scripts/bench.sh` (`io.anklume.tui.bench.Micro`), machine: ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(". Average time per operation, JMH, 1 fork, ")
                .append("5 warm-up and 5 measured iterations of 1 s; ± is JMH's 99.9% error.\n\n")
                .append("| hot path | small input | large input | large / small | budget | budget / large |\n")
                .append("|---|---|---|---|---|---|\n");
        row(b, "table: key press and redraw (200×50, grouped)", "TableRenderBench.keyPress", "10", "1000",
                "rows", FRAME_BUDGET_US, "one 60 Hz frame", score, error);
        row(b, "table: inventory update, every row changed", "TableRenderBench.inventoryUpdate", "10", "1000",
                "rows", FRAME_BUDGET_US, "one 60 Hz frame", score, error);
        row(b, "plan diff, converged (no-op re-plan)", "PlanDiffBench.noOpDiff", "100", "1000", "instances",
                REPLAN_BUDGET_US, "the 150 ms re-plan goal", score, error);
        row(b, "plan diff, empty Incus (first apply)", "PlanDiffBench.firstApplyDiff", "100", "1000", "instances",
                REPLAN_BUDGET_US, "the 150 ms re-plan goal", score, error);
        return b.toString();
    }

    private static void row(StringBuilder b, String what, String bench, String small, String large, String unit,
                            double budget, String budgetName, Map<String, Double> score, Map<String, Double> error) {
        Double s = score.get(bench + "/" + small);
        Double l = score.get(bench + "/" + large);
        if (s == null || l == null) {
            b.append("| ").append(what).append(" | ").append(FAILED).append(" | | | | |\n");
            return;
        }
        b.append(String.format(Locale.ROOT, "| %s | %s %s: %s | %s %s: %s | %.1f× | %s (%s) | %.0f× |%n", what, small,
                unit, us(s, error.get(bench + "/" + small)), large, unit, us(l, error.get(bench + "/" + large)), l / s,
                us(budget, null), budgetName, budget / l));
    }

    static String us(double us, Double err) {
        String e = err == null || err.isNaN() ? "" : String.format(Locale.ROOT, " ± %.0f", err);
        return us >= 1000 ? String.format(Locale.ROOT, "%.2f ms", us / 1000) + (e.isEmpty() ? "" : String.format(
                Locale.ROOT, " ± %.2f", err / 1000))
                : String.format(Locale.ROOT, "%.1f µs", us) + e;
    }

    /** Replaces this section of the file (it runs after the main benchmark, which rewrites the rest). */
    static void write(Path file, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        int at = text.indexOf(HEADING);
        if (at >= 0) {
            int next = text.indexOf("\n## ", at + HEADING.length());
            text = text.substring(0, at) + (next >= 0 ? text.substring(next + 1) : "");
        }
        Files.writeString(file, text.stripTrailing() + "\n\n" + section);
    }
}
