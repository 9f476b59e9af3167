package io.anklume.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects result rows, prints them as they come and writes docs/benchmarks.md at the end. */
final class Report {
    record Row(String benchmark, String ours, String baseline, String ratio, String goal, String note) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(String benchmark, double oursMs, String baselineName, double baselineMs, String goal, String note) {
        String ratio = Double.isNaN(baselineMs) ? "–" : String.format(Locale.ROOT, "%.1f×", baselineMs / oursMs);
        Row row = new Row(benchmark, ms(oursMs), baselineName + " " + ms(baselineMs), ratio, goal, note);
        rows.add(row);
        System.out.printf(Locale.ROOT, "%-48s ours %10s | %-40s | %7s | goal %s%s%n", benchmark, row.ours(),
                row.baseline(), ratio, goal, note.isEmpty() ? "" : " | " + note);
    }

    void addValue(String benchmark, String value, String goal, String note) {
        rows.add(new Row(benchmark, value, "–", "–", goal, note));
        System.out.printf(Locale.ROOT, "%-48s %s | goal %s%s%n", benchmark, value, goal, note.isEmpty() ? "" : " | " + note);
    }

    void note(String text) {
        notes.add(text);
        System.out.println("note: " + text);
    }

    static String ms(double ms) {
        if (Double.isNaN(ms)) {
            return "–";
        }
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    void write(Path file, String machine, String date) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("# Benchmarks\n\n");
        b.append("Written by `sudo ./scripts/bench.sh` on ").append(date).append(", machine: ").append(machine)
                .append(".\nEvery figure is the median of at least 5 repetitions, measured in the same run as its ")
                .append("baseline on the same daemon; everything the run created was deleted afterwards.\n\n");
        b.append("| benchmark | anklume-tui | baseline | speed-up | goal | note |\n|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(r.benchmark()).append(" | ").append(r.ours()).append(" | ").append(r.baseline())
                    .append(" | ").append(r.ratio()).append(" | ").append(r.goal()).append(" | ").append(r.note())
                    .append(" |\n");
        }
        if (!notes.isEmpty()) {
            b.append("\n## Notes\n");
            for (String n : notes) {
                b.append("- ").append(n).append('\n');
            }
        }
        Files.writeString(file, b.toString());
    }
}
