package io.anklume.core.isolation;

import io.anklume.core.infra.Global;
import io.anklume.core.infra.Infra;
import io.anklume.core.net.AddressPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Enforces an infra's isolation the way its {@code firewall_mode} says: {@code host} and {@code vm} load
 * {@code table inet anklume} on the host; {@code acl} puts Incus network ACLs on the bridges instead.
 * The other mechanism is taken away, so switching modes leaves only one in place.
 */
public final class Isolation {
    private final HostFirewall host;
    private final AclFirewall acls;

    /** {@code host} may be null where nft cannot be used (then host mode reports that it was skipped). */
    public Isolation(HostFirewall host, AclFirewall acls) {
        this.host = host;
        this.acls = acls;
    }

    /** Brings the isolation in line with the infra; one line per change, empty when all was in place. */
    public List<String> enforce(Infra infra, AddressPlan addresses) {
        List<String> changes = new ArrayList<>();
        if (infra.global().firewallMode() == Global.FirewallMode.ACL) {
            changes.addAll(acls.deploy(AclRules.generate(infra, addresses)));
            if (host != null && host.loaded().isPresent()) {
                host.remove();
                changes.add("- remove table " + NftRuleset.TABLE + " (firewall_mode is acl)");
            }
            return changes;
        }
        if (host == null) {
            changes.add("! table " + NftRuleset.TABLE + " not deployed: nft is not available here");
            return changes;
        }
        NftRuleset wanted = NftRuleset.generate(infra, addresses);
        NftDrift drift = host.drift(wanted);
        if (drift.differs()) {
            host.deploy(wanted);
            changes.add((drift.loaded() ? "~ replace" : "+ load") + " table " + NftRuleset.TABLE + " ("
                    + drift.changes().size() + " lines changed)");
        }
        changes.addAll(acls.remove());
        return changes;
    }
}
