package io.anklume.core.freezer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Un-sticks freezes that the cgroup v1 freezer never completes. A process waiting in {@code vfork()}
 * for a child the freezer caught before its {@code exec} cannot itself be frozen, so the container
 * stays {@code FREEZING} and Incus waits for good: a snapshot of a running container (Incus freezes
 * it while it copies), a pause, a pre-apply snapshot. Seen on kernel 6.18 with busybox's init and
 * udhcpc, which start every child with vfork. A container {@code FREEZING} for {@code stuckAfter}
 * is thawed, which lets the child reach its exec, and frozen again, so the freeze that was asked
 * for completes; each such kick is reported. Hosts with the unified (v2) hierarchy only, or where
 * the state files cannot be written (not root), are left alone.
 */
public final class FreezerStallGuard implements AutoCloseable {
    /** Where Incus's containers have their v1 freezer cgroups. */
    public static final Path V1_ROOT = Path.of("/sys/fs/cgroup/freezer");
    private static final System.Logger LOG = System.getLogger(FreezerStallGuard.class.getName());
    private static final String PREFIX = "lxc.payload.";

    /** Writes a freezer state; the real one writes the cgroup file. */
    @FunctionalInterface
    interface StateWriter {
        void write(Path stateFile, String state) throws IOException;
    }

    private final Path root;
    private final Duration stuckAfter;
    private final StateWriter writer;
    private final Consumer<String> reports;
    private final Map<Path, Long> freezingSince = new HashMap<>();
    private final ScheduledExecutorService timer;

    FreezerStallGuard(Path root, Duration stuckAfter, StateWriter writer, Consumer<String> reports,
                      ScheduledExecutorService timer) {
        this.root = root;
        this.stuckAfter = stuckAfter;
        this.writer = writer;
        this.reports = reports;
        this.timer = timer;
    }

    /**
     * Starts checking every second (the first check after {@code firstCheck}, off the start-up path)
     * if this host has the v1 freezer; otherwise returns a guard that does nothing.
     */
    public static FreezerStallGuard start(Duration firstCheck, Consumer<String> reports) {
        if (!Files.isDirectory(V1_ROOT)) {
            return new FreezerStallGuard(V1_ROOT, Duration.ZERO, (f, s) -> {}, reports, null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "freezer-stall-guard");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        FreezerStallGuard guard = new FreezerStallGuard(V1_ROOT, Duration.ofSeconds(3),
                (file, state) -> Files.writeString(file, state), reports, timer);
        timer.scheduleWithFixedDelay(guard::checkQuietly, firstCheck.toMillis(), 1000, TimeUnit.MILLISECONDS);
        return guard;
    }

    private void checkQuietly() {
        try {
            check(System.nanoTime());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "freezer check failed", e);
        }
    }

    /** One pass over the containers' freezer states at {@code nowNanos}. */
    synchronized void check(long nowNanos) throws IOException {
        Set<Path> freezing = new HashSet<>();
        try (DirectoryStream<Path> groups = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path group : groups) {
                Path state = group.resolve("freezer.state");
                if (!"FREEZING".equals(read(state))) {
                    continue;
                }
                freezing.add(state);
                long since = freezingSince.computeIfAbsent(state, s -> nowNanos);
                if (nowNanos - since >= stuckAfter.toNanos()) {
                    kick(group, state, Duration.ofNanos(nowNanos - since));
                    freezingSince.remove(state);
                }
            }
        }
        freezingSince.keySet().retainAll(freezing);
    }

    private void kick(Path group, Path state, Duration stuck) {
        String instance = instanceOf(group.getFileName().toString());
        try {
            writer.write(state, "THAWED");
            writer.write(state, "FROZEN");
            reports.accept(instance + ": its freeze stalled in the kernel's freezer for " + stuck.toSeconds()
                    + " s (a process caught between vfork and exec); thawed it and froze it again so the "
                    + "pending snapshot or pause can finish");
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "could not kick the freezer of " + instance, e);
        }
    }

    /** {@code lxc.payload.<project>_<name>}, or {@code lxc.payload.<name>} in the default project. */
    static String instanceOf(String group) {
        String key = group.substring(PREFIX.length());
        int cut = key.indexOf('_');
        return cut < 0 ? key : key.substring(0, cut) + "/" + key.substring(cut + 1);
    }

    private static String read(Path state) {
        try {
            return Files.readString(state).strip();
        } catch (IOException e) {
            return ""; // the container went away meanwhile
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
