package io.anklume.core.infra;

/** The {@code global:} section with defaults applied; {@code resourcePolicy} is null when absent. */
public record Global(int baseOctet, int zoneBase, String defaultOsImage, GpuPolicy gpuPolicy,
                     FirewallMode firewallMode, ResourcePolicy resourcePolicy) {

    public enum GpuPolicy { EXCLUSIVE, SHARED }

    /** host: nftables on the host; vm: a firewall VM (accepted, nft still generated); acl: Incus network ACLs. */
    public enum FirewallMode { HOST, VM, ACL }
}
