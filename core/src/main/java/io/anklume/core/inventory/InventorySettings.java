package io.anklume.core.inventory;

import java.time.Duration;
import java.util.List;

/**
 * Timings of {@link LiveInventory}.
 *
 * @param fullRefresh      interval of the fallback full reload (events do the real work)
 * @param maxBackoff       longest wait between reloads while Incus is unreachable
 * @param coalesce         how long events for one instance are gathered before it is re-read;
 *                         also the delay before a new snapshot is published (bursts become one)
 * @param pauseGrace       how long an {@code instance-paused} waits for its {@code resumed} before the
 *                         instance is re-read (a snapshot pauses a running container briefly)
 * @param detailsTtl       how long CPU, memory and snapshot figures stay fresh before they are re-read
 * @param leaseRetries     delays (from the start event) at which the DHCP leases are re-read until
 *                         the started instance shows an address
 */
public record InventorySettings(Duration fullRefresh, Duration maxBackoff, Duration coalesce, Duration pauseGrace,
                                Duration detailsTtl, List<Duration> leaseRetries) {

    public InventorySettings {
        leaseRetries = List.copyOf(leaseRetries);
    }

    public static InventorySettings defaults() {
        return new InventorySettings(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofMillis(15),
                Duration.ofSeconds(1), Duration.ofSeconds(3),
                List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                        Duration.ofSeconds(8)));
    }

    public InventorySettings withFullRefresh(Duration interval) {
        return new InventorySettings(interval, maxBackoff, coalesce, pauseGrace, detailsTtl, leaseRetries);
    }
}
