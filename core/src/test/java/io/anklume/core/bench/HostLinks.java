package io.anklume.core.bench;

import io.anklume.incus.IncusClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The host's veth ends of container NICs. A deleted container's veth goes away only when the kernel
 * has torn its network namespace down, seconds after Incus answered; Incus 6.0 fails a bridge's start
 * when an interface vanishes while it lists them. So each measured apply waits until the host has no
 * more veths than running instances (the previous repetition's population is gone).
 */
final class HostLinks {
    private static final Path SYS_NET = Path.of("/sys/class/net");
    private static final long LIMIT_MS = 120_000;

    private HostLinks() {}

    static void awaitDeletionsSettled(IncusClient client) throws IOException, InterruptedException {
        long start = System.nanoTime();
        while (true) {
            long running = client.instances().listAllProjects(false).stream()
                    .filter(i -> "Running".equalsIgnoreCase(i.status())).count();
            long veths = veths();
            if (veths <= running) {
                return;
            }
            if ((System.nanoTime() - start) / 1_000_000 > LIMIT_MS) {
                System.err.printf("bench: %d host veths for %d running instances after %d s; going on%n",
                        veths, running, LIMIT_MS / 1000);
                return;
            }
            Thread.sleep(250);
        }
    }

    private static long veths() throws IOException {
        try (Stream<Path> links = Files.list(SYS_NET)) {
            return links.filter(p -> p.getFileName().toString().startsWith("veth")).count();
        }
    }
}
