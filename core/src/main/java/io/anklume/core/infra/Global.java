package io.anklume.core.infra;

/**
 * The {@code global:} section with defaults applied; {@code resourcePolicy} is null when absent.
 * {@code baseSubnet} is set (e.g. "10.100") only for files in anklume's legacy addressing mode (no
 * {@code addressing:} key), where every domain names its {@code subnet_id}. {@code routing} is
 * {@link Routing#DEFAULTS} when the file has no {@code routing:}. {@code nat} is {@code global.nat}: whether
 * domain bridges masquerade to the host's uplink (anklume's default, true); a domain's own {@code nat} wins.
 */
public record Global(int baseOctet, int zoneBase, String defaultOsImage, GpuPolicy gpuPolicy,
                     FirewallMode firewallMode, ResourcePolicy resourcePolicy, String baseSubnet, GpuDevice gpuDevice,
                     Routing routing, boolean nat) {

    public Global(int baseOctet, int zoneBase, String defaultOsImage, GpuPolicy gpuPolicy,
                  FirewallMode firewallMode, ResourcePolicy resourcePolicy, String baseSubnet, GpuDevice gpuDevice,
                  Routing routing) {
        this(baseOctet, zoneBase, defaultOsImage, gpuPolicy, firewallMode, resourcePolicy, baseSubnet, gpuDevice,
                routing, true);
    }

    public Global(int baseOctet, int zoneBase, String defaultOsImage, GpuPolicy gpuPolicy,
                  FirewallMode firewallMode, ResourcePolicy resourcePolicy, String baseSubnet) {
        this(baseOctet, zoneBase, defaultOsImage, gpuPolicy, firewallMode, resourcePolicy, baseSubnet, null,
                Routing.DEFAULTS);
    }

    public Global(int baseOctet, int zoneBase, String defaultOsImage, GpuPolicy gpuPolicy,
                  FirewallMode firewallMode, ResourcePolicy resourcePolicy) {
        this(baseOctet, zoneBase, defaultOsImage, gpuPolicy, firewallMode, resourcePolicy, null);
    }

    /** The same settings with {@code global.nat} set to {@code value}. */
    public Global withNat(boolean value) {
        return new Global(baseOctet, zoneBase, defaultOsImage, gpuPolicy, firewallMode, resourcePolicy, baseSubnet,
                gpuDevice, routing, value);
    }

    public boolean legacyAddressing() {
        return baseSubnet != null;
    }

    public enum GpuPolicy { EXCLUSIVE, SHARED }

    /**
     * {@code global.gpu_device}: which host GPU the generated {@code gpu} profile passes through
     * ({@code pci} address or {@code vendorid}) and the group owning the device nodes inside
     * ({@code gid}, e.g. the guest's render group). Each is null when not set; the whole record is null
     * when the key is absent (any GPU, owned by root).
     */
    public record GpuDevice(String pci, String vendorId, String productId, String gid) {
        /** The {@code gpu} device of the generated profile. */
        public java.util.Map<String, String> device() {
            java.util.Map<String, String> d = new java.util.LinkedHashMap<>();
            d.put("type", "gpu");
            d.put("gputype", "physical");
            if (pci != null) {
                d.put("pci", pci);
            }
            if (vendorId != null) {
                d.put("vendorid", vendorId);
            }
            if (productId != null) {
                d.put("productid", productId);
            }
            if (gid != null) {
                d.put("gid", gid);
            }
            return d;
        }
    }

    /** The device a {@code gpu: true} machine gets. */
    public java.util.Map<String, String> gpuDeviceConfig() {
        return gpuDevice == null ? new GpuDevice(null, null, null, null).device() : gpuDevice.device();
    }

    /** host: nftables on the host; vm: a firewall VM (accepted, nft still generated); acl: Incus network ACLs. */
    public enum FirewallMode { HOST, VM, ACL }
}
