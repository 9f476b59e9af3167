package io.anklume.core.infra;

/**
 * The {@code global:} section with defaults applied; {@code resourcePolicy} is null when absent.
 * {@code baseSubnet} is set (e.g. "10.100") only for files in anklume's legacy addressing mode (no
 * {@code addressing:} key), where every domain names its {@code subnet_id}. {@code routing} is
 * {@link Routing#DEFAULTS} when the file has no {@code routing:}.
 */
public record Global(int baseOctet, int zoneBase, String defaultOsImage, GpuPolicy gpuPolicy,
                     FirewallMode firewallMode, ResourcePolicy resourcePolicy, String baseSubnet, Routing routing) {

    public Global(int baseOctet, int zoneBase, String defaultOsImage, GpuPolicy gpuPolicy,
                  FirewallMode firewallMode, ResourcePolicy resourcePolicy, String baseSubnet) {
        this(baseOctet, zoneBase, defaultOsImage, gpuPolicy, firewallMode, resourcePolicy, baseSubnet, Routing.DEFAULTS);
    }

    public Global(int baseOctet, int zoneBase, String defaultOsImage, GpuPolicy gpuPolicy,
                  FirewallMode firewallMode, ResourcePolicy resourcePolicy) {
        this(baseOctet, zoneBase, defaultOsImage, gpuPolicy, firewallMode, resourcePolicy, null);
    }

    public boolean legacyAddressing() {
        return baseSubnet != null;
    }

    public enum GpuPolicy { EXCLUSIVE, SHARED }

    /** host: nftables on the host; vm: a firewall VM (accepted, nft still generated); acl: Incus network ACLs. */
    public enum FirewallMode { HOST, VM, ACL }
}
