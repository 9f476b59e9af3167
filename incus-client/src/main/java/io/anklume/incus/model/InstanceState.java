package io.anklume.incus.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /1.0/instances/<n>/state}. A zero time (year 1) is mapped to null. */
public record InstanceState(
        String status,
        int statusCode,
        long pid,
        int processes,
        Cpu cpu,
        Memory memory,
        Map<String, Disk> disk,
        Map<String, NetworkInterface> network,
        Instant startedAt) {

    /** {@code usage} is in nanoseconds. */
    public record Cpu(long usage) {}

    public record Memory(long usage, long usagePeak, long total, long swapUsage) {}

    public record Disk(long usage, long total) {}

    public record NetworkInterface(List<Address> addresses, String hwaddr, String hostName, String state,
                                   String type, Long mtu) {}

    public record Address(String family, String address, String netmask, String scope) {}
}
