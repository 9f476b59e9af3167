package io.anklume.core.inventory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.incus.lab.IncusLab;
import io.anklume.core.lab.SocketRelay;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Incus "goes away" (its socket is cut through a relay; the daemon itself is never touched) and comes
 * back: listeners see the disconnected state and then the recovery.
 */
class InventoryDisconnectIT {

    private static InventorySnapshot await(List<InventorySnapshot> seen, Predicate<InventorySnapshot> condition,
                                           Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (InventorySnapshot s : seen) {
                if (condition.test(s)) {
                    return s;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no snapshot matched; last: " + (seen.isEmpty() ? "none" : seen.get(seen.size() - 1)));
    }

    @Test
    void disconnectedStateIsPublishedAndRecovered() throws Exception {
        Path socket = Path.of("/tmp/ankinv-relay-" + UUID.randomUUID().toString().substring(0, 8) + ".sock");
        try (SocketRelay relay = new SocketRelay(socket, IncusConfig.DEFAULT_SOCKET)) {
            relay.start();
            try (IncusClient client = IncusLab.connect(socket);
                 LiveInventory inventory = new LiveInventory(client, Clock.systemUTC(), new InventorySettings(
                         Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMillis(15), Duration.ofSeconds(1),
                         Duration.ofSeconds(3), List.of()))) {
                List<InventorySnapshot> seen = new CopyOnWriteArrayList<>();
                inventory.addListener(seen::add);
                inventory.start();
                assertTrue(inventory.awaitLoaded(Duration.ofSeconds(20)));
                await(seen, InventorySnapshot::connected, Duration.ofSeconds(10));

                seen.clear();
                relay.cut();
                InventorySnapshot down = await(seen, s -> !s.connected(), Duration.ofSeconds(15));
                assertTrue(down.problem().startsWith("disconnected from Incus ("), down.problem());
                assertTrue(down.problem().endsWith("): retrying"), down.problem());
                System.out.println("[InventoryDisconnectIT] " + down.problem());

                seen.clear();
                relay.start();
                await(seen, s -> s.connected() && s.problem() == null, Duration.ofSeconds(20));
            }
        }
    }
}
