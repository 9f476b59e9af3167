package io.anklume.incus.model;

import java.util.List;

/** {@code GET /1.0/resources}: the host's CPUs, memory and GPUs (only what callers use). */
public record Resources(Cpu cpu, Memory memory, Gpu gpu) {
    public record Cpu(int total) {}

    public record Memory(long total, long used) {}

    public record Gpu(List<GpuCard> cards, int total) {}

    public record GpuCard(String driver, String driverVersion, String vendor, String vendorId,
                          String product, String productId, String pciAddress, Integer numaNode, Drm drm) {}

    /** The card's DRM nodes ({@code card0}, {@code renderD128}); null for cards without DRM. */
    public record Drm(Integer id, String cardName, String renderName) {}
}
