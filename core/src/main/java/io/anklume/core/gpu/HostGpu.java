package io.anklume.core.gpu;

import io.anklume.incus.model.Resources;
import java.util.Objects;

/** One GPU of the host as {@code /1.0/resources} reports it, with what {@code global.gpu_device} would name it by. */
public record HostGpu(String pciAddress, String vendor, String vendorId, String product, String productId,
                      String driver, String renderNode) {

    static HostGpu of(Resources.GpuCard c) {
        return new HostGpu(c.pciAddress(), c.vendor(), c.vendorId(), c.product(), c.productId(),
                c.driver() == null ? null : c.driver() + (c.driverVersion() == null ? "" : " " + c.driverVersion()),
                c.drm() == null ? null : c.drm().renderName());
    }

    /** {@code 0000:01:00.0  NVIDIA Corporation GA104 [GeForce RTX 3070] (10de:2484) nvidia 550.54 renderD128}. */
    public String describe() {
        return String.join("  ", Objects.requireNonNullElse(pciAddress, "-"),
                Objects.requireNonNullElse(vendor, "?") + " " + Objects.requireNonNullElse(product, "?"),
                "(" + Objects.requireNonNullElse(vendorId, "?") + ":" + Objects.requireNonNullElse(productId, "?") + ")",
                Objects.requireNonNullElse(driver, "no driver"), Objects.requireNonNullElse(renderNode, "-"));
    }
}
