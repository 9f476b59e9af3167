package io.anklume.core.isolation;

import io.anklume.core.infra.Global;
import io.anklume.core.infra.Infra;
import io.anklume.core.net.AddressPlan;
import io.anklume.core.ActionException;
import io.anklume.core.infra.InfraFiles;
import io.anklume.core.infra.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Enforces an infra's isolation the way its {@code firewall_mode} says: {@code host} and {@code vm} load
 * {@code table inet anklume} on the host; {@code acl} puts Incus network ACLs on the bridges instead.
 * The other mechanism is taken away, so switching modes leaves only one in place.
 */
public final class Isolation {
    private static final Pattern DROP = Pattern.compile("counter packets (\\d+) bytes \\d+ drop comment \"drop ([^\"]+)\"");
    private final HostFirewall host;
    private final AclFirewall acls;

    /** {@code host} may be null where nft cannot be used (then host mode reports that it was skipped). */
    public Isolation(HostFirewall host, AclFirewall acls) {
        this.host = host;
        this.acls = acls;
    }

    /** The matrix of an infra file and how it is enforced now; an invalid file is an ActionException. */
    public IsolationReport report(Path infraFile) {
        InfraFiles.Loaded loaded = InfraFiles.load(infraFile);
        if (loaded.hasErrors()) {
            String first = loaded.problems().stream().filter(Problem::isError).map(Problem::toString).findFirst().orElse("");
            throw new ActionException(infraFile.toString(), "read the isolation of", "the file has errors: " + first);
        }
        return report(loaded.infra(), loaded.addresses());
    }

    public IsolationReport report(Infra infra, AddressPlan addresses) {
        IsolationMatrix matrix = IsolationMatrix.of(infra, addresses);
        if (infra.global().firewallMode() == Global.FirewallMode.ACL) {
            return aclReport(matrix, infra, addresses);
        }
        if (host == null) {
            return new IsolationReport(matrix, "nft is not available here: the isolation cannot be read", false, Map.of());
        }
        try {
            NftDrift drift = host.drift(NftRuleset.generate(infra, addresses));
            Map<String, Long> dropped = drift.loaded() ? dropCounters(host.loaded().orElse("")) : Map.of();
            if (!drift.loaded()) {
                return new IsolationReport(matrix, "table " + NftRuleset.TABLE
                        + " is NOT loaded: the domains are not isolated (apply, or anklume-tui nft --deploy)", false, dropped);
            }
            if (drift.differs()) {
                return new IsolationReport(matrix, "table " + NftRuleset.TABLE + " differs from the file ("
                        + drift.changes().size() + " lines; anklume-tui nft --diff shows them)", false, dropped);
            }
            return new IsolationReport(matrix, "table " + NftRuleset.TABLE + " is loaded and matches the file", true, dropped);
        } catch (IsolationException e) {
            return new IsolationReport(matrix, e.getMessage(), false, Map.of());
        }
    }

    /** In ACL mode: whether the ACLs Incus holds on the bridges are the ones the file makes. */
    private IsolationReport aclReport(IsolationMatrix matrix, Infra infra, AddressPlan addresses) {
        if (acls == null) {
            return new IsolationReport(matrix, "Incus network ACLs on the bridges (firewall_mode: acl); not read here",
                    false, Map.of());
        }
        try {
            List<String> pending = acls.drift(AclRules.generate(infra, addresses));
            if (pending.isEmpty()) {
                return new IsolationReport(matrix, "Incus network ACLs on the bridges match the file (firewall_mode: acl)",
                        true, Map.of());
            }
            return new IsolationReport(matrix, "Incus network ACLs differ from the file: " + pending.size() + " change"
                    + (pending.size() == 1 ? "" : "s") + " pending (" + pending.get(0).strip() + (pending.size() > 1 ? ", …" : "")
                    + "); apply puts them in place", false, Map.of());
        } catch (IsolationException | io.anklume.incus.IncusException e) {
            return new IsolationReport(matrix, "the network ACLs cannot be read: " + e.getMessage(), false, Map.of());
        }
    }

    /** "a -> b" to packets, from the counters of the per-pair drop rules of a loaded table. */
    static Map<String, Long> dropCounters(String loaded) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Matcher m = DROP.matcher(loaded);
        while (m.find()) {
            counts.put(m.group(2), Long.parseLong(m.group(1)));
        }
        return counts;
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
