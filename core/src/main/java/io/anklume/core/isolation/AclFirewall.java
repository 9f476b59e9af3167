package io.anklume.core.isolation;

import io.anklume.incus.IncusClient;
import io.anklume.incus.model.AclRule;
import io.anklume.incus.model.Network;
import io.anklume.incus.model.NetworkAcl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Puts the ACLs of {@link AclRules} on the bridges through Incus's own API (in the default project,
 * where anklume's bridges live), and takes them off again. Only ACLs named {@code anklume-*} with the
 * {@code user.anklume.managed} marker are ever changed or deleted.
 */
public final class AclFirewall {
    private final IncusClient incus;
    private final boolean readOnly;

    public AclFirewall(IncusClient incus, boolean readOnly) {
        this.incus = incus;
        this.readOnly = readOnly;
    }

    /** One change deploy makes: its line for the user, and the request that makes it. */
    private record Change(String line, Runnable request) {}

    /** Creates or updates each ACL and attaches it; returns one line per change (empty: nothing to do). */
    public List<String> deploy(Map<String, NetworkAcl> wanted) {
        refuseIfReadOnly("deploy");
        List<Change> changes = changes(wanted, true);
        changes.forEach(c -> c.request().run());
        return changes.stream().map(Change::line).toList();
    }

    /**
     * What {@link #deploy} would change, without changing anything (also in read-only mode); a bridge
     * that does not exist yet is a line too ("apply" makes it).
     */
    public List<String> drift(Map<String, NetworkAcl> wanted) {
        return changes(wanted, false).stream().map(Change::line).toList();
    }

    private List<Change> changes(Map<String, NetworkAcl> wanted, boolean bridgesMustExist) {
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, NetworkAcl> e : wanted.entrySet()) {
            String bridge = e.getKey();
            NetworkAcl acl = e.getValue();
            Optional<Network> found = incus.networks().find(null, bridge);
            if (found.isEmpty()) {
                if (bridgesMustExist) {
                    throw new IsolationException("cannot attach ACL " + acl.name() + ": bridge " + bridge
                            + " does not exist (run apply first)");
                }
                changes.add(new Change("! bridge " + bridge + " does not exist yet (apply makes it, then ACL "
                        + acl.name() + ")", () -> { }));
                continue;
            }
            Network network = found.get();
            Optional<NetworkAcl> existing = incus.networkAcls().find(null, acl.name());
            if (existing.isEmpty()) {
                changes.add(new Change("+ create ACL " + acl.name() + " (" + acl.ingress().size() + " ingress rules)",
                        () -> incus.networkAcls().create(null, acl)));
            } else if (!sameRules(existing.get(), acl)) {
                changes.add(new Change("~ update ACL " + acl.name() + " (" + acl.ingress().size() + " ingress rules)",
                        () -> incus.networkAcls().update(null, acl)));
            }
            Map<String, String> config = AclRules.bridgeConfig(acl.name());
            Map<String, String> current = network.config() == null ? Map.of() : network.config();
            if (config.entrySet().stream().anyMatch(c -> !c.getValue().equals(current.get(c.getKey())))) {
                changes.add(new Change("~ attach ACL " + acl.name() + " to " + bridge + " (default ingress drop)",
                        () -> incus.networks().patch(null, bridge, config)));
            }
        }
        return changes;
    }

    /** Detaches anklume's ACLs from every bridge and deletes them; returns one line per change. */
    public List<String> remove() {
        return remove(name -> true);
    }

    /** The same for the anklume ACLs whose name passes {@code which} (a test removes only its own). */
    public List<String> remove(Predicate<String> which) {
        refuseIfReadOnly("remove");
        List<String> changes = new ArrayList<>();
        List<NetworkAcl> ours = incus.networkAcls().list(null).stream()
                .filter(a -> which.test(a.name()))
                .filter(a -> a.name().startsWith(AclRules.PREFIX) && a.config() != null
                        && "true".equals(a.config().get(AclRules.MANAGED)))
                .toList();
        for (Network n : incus.networks().list(null)) {
            String acls = n.config() == null ? null : n.config().get(AclRules.KEY_ACLS);
            if (acls != null && ours.stream().anyMatch(a -> a.name().equals(acls))) {
                Map<String, String> unset = new HashMap<>();
                unset.put(AclRules.KEY_ACLS, "");
                unset.put(AclRules.KEY_INGRESS, "");
                unset.put(AclRules.KEY_EGRESS, "");
                incus.networks().patch(null, n.name(), unset);
                changes.add("~ detach ACL " + acls + " from " + n.name());
            }
        }
        for (NetworkAcl a : ours) {
            incus.networkAcls().delete(null, a.name());
            changes.add("- delete ACL " + a.name());
        }
        return changes;
    }

    private static boolean sameRules(NetworkAcl a, NetworkAcl b) {
        return Objects.equals(rules(a.ingress()), rules(b.ingress())) && Objects.equals(rules(a.egress()), rules(b.egress()))
                && Objects.equals(a.description(), b.description());
    }

    /** Incus answers unset rule fields as "": compare them as absent. */
    private static List<AclRule> rules(List<AclRule> list) {
        return emptyIfNull(list).stream().map(r -> new AclRule(blank(r.action()), blank(r.source()), blank(r.destination()),
                blank(r.protocol()), blank(r.sourcePort()), blank(r.destinationPort()), blank(r.icmpType()),
                blank(r.icmpCode()), blank(r.description()), blank(r.state()))).toList();
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static <T> List<T> emptyIfNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private void refuseIfReadOnly(String action) {
        if (readOnly) {
            throw new IsolationException("cannot " + action + " anklume's network ACLs: anklume-tui runs in read-only mode");
        }
    }
}
