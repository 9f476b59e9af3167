package io.anklume.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits for the machine to be quiet before a latency is measured: the benchmarks before start-up leave
 * containers booting and incusd busy (the event benchmark ends by starting ten containers), and on two
 * cores that work shows up in a start-up measured straight after it.
 */
final class QuietMachine {
    private QuietMachine() {}

    /** How long it waited; stops waiting after {@code cap} (and says so in the result). */
    record Wait(double seconds, double idlePercent, boolean quiet) {}

    /** Until one second passes with at least {@code idlePercent} of every CPU idle. */
    static Wait await(double idlePercent, Duration cap) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long[] before = cpuTimes();
        double idle = 0;
        while (System.nanoTime() - start < cap.toNanos()) {
            Thread.sleep(1000);
            long[] after = cpuTimes();
            long total = after[0] - before[0];
            idle = total == 0 ? 100 : 100.0 * (after[1] - before[1]) / total;
            before = after;
            if (idle >= idlePercent) {
                return new Wait(Stats.millisSince(start) / 1000, idle, true);
            }
        }
        return new Wait(Stats.millisSince(start) / 1000, idle, false);
    }

    /** All CPUs' jiffies: {total, idle + iowait}, from the first line of /proc/stat. */
    static long[] cpuTimes() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) { // user..steal; guest time is already in user
            total += Long.parseLong(f[i]);
        }
        return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    }
}
