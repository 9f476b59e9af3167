package io.anklume.core.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Exec of the real jar in tmux to its first full frame (the app writes a marker), and the peak RSS
 * of that process, with the benchmark's population still running.
 */
final class StartupBench {
    /**
     * Runs measured (after one that warms the page cache). Ten, not five: on a two-core virtual machine
     * single starts vary by ±20%, and an occasional one takes twice as long.
     */
    private static final int RUNS = 10;

    private StartupBench() {}

    static void measure(Report report, int instances) throws Exception {
        Path jar = Path.of(System.getProperty("bench.jar", "tui/target/anklume-tui.jar")).toAbsolutePath();
        // The launcher's own JVM flags (scripts/lib/launcher.sh, shell-quoted), so the jar starts as it does.
        String flags = System.getProperty("bench.java.flags", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        boolean cds = flags.contains("-XX:SharedArchiveFile=");
        List<Double> frames = new ArrayList<>();
        List<Double> viaTmux = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        QuietMachine.Wait wait = QuietMachine.await(90, Duration.ofSeconds(60));
        for (int i = 0; i < RUNS + 1; i++) {
            Path marker = Files.createTempFile("first-frame", ".txt");
            Files.delete(marker);
            // The pane's shell notes the time just before it execs java: the goal counts from the exec,
            // not from tmux making its session and shell (also reported, for reference).
            Path execAt = Files.createTempFile("exec-at", ".txt");
            String session = "anklume-bench-" + ProcessHandle.current().pid() + "-" + i;
            long start = System.currentTimeMillis();
            Bench.Shell.run("tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                    "date +%s%3N > " + execAt + " && ANKLUME_TUI_FIRST_FRAME_FILE=" + marker + " exec java " + flags
                            + " -jar " + jar);
            try {
                long deadline = System.currentTimeMillis() + 15_000;
                while (!(Files.exists(marker) && Files.size(marker) > 0) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(10);
                }
                if (!Files.exists(marker)) {
                    report.note("start-up: no first frame within 15 s");
                    return;
                }
                long frame = Long.parseLong(Files.readString(marker).strip());
                Thread.sleep(1500); // the live inventory loads every row's details after the first frame
                String pid = Bench.Shell.run("tmux", "display-message", "-p", "-t", session, "#{pane_pid}").strip();
                String status = Files.readString(Path.of("/proc", pid, "status"));
                long hwmKb = status.lines().filter(l -> l.startsWith("VmHWM")).map(l -> l.replaceAll("\\D", ""))
                        .mapToLong(Long::parseLong).findFirst().orElse(0);
                long exec = Long.parseLong(Files.readString(execAt).strip());
                if (i > 0) { // the first run warms the page cache
                    frames.add((double) (frame - exec));
                    viaTmux.add((double) (frame - start));
                    rss.add(hwmKb / 1024.0);
                }
            } finally {
                Bench.Shell.run("tmux", "kill-session", "-t", session);
                Files.deleteIfExists(marker);
                Files.deleteIfExists(execAt);
            }
        }
        report.addValue("start-up: exec to the first frame of the loaded inventory, " + instances + " instances",
                Report.ms(Stats.of(frames).median()), "< 600 ms", "real jar in tmux as the launcher runs it"
                        + (cds ? " (with its flags and CDS archive)" : "") + ", median of " + RUNS + " (fastest "
                        + Report.ms(Stats.of(frames).percentile(0)) + ", slowest " + Report.ms(Stats.of(frames).percentile(100))
                        + "); from `tmux new-session`: " + Report.ms(Stats.of(viaTmux).median())
                        + String.format(java.util.Locale.ROOT, "; measured once the machine was quiet (%.0f%% idle "
                                + "after %.0f s%s)", wait.idlePercent(), wait.seconds(), wait.quiet() ? "" : ", gave up waiting"));
        report.addValue("start-up: peak RSS, " + instances + " instances",
                String.format(java.util.Locale.ROOT, "%.0f MB", Stats.of(rss).median()), "< 200 MB",
                "VmHWM 1.5 s after the first frame, median of " + RUNS);
    }
}
