package io.anklume.core.isolation;

import io.anklume.core.infra.Domain;
import io.anklume.core.infra.Infra;
import io.anklume.core.net.AddressPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The wanted {@code table inet anklume}, rendered the way {@code nft list table} prints it (tabs,
 * {@code priority filter - 1}), so what is loaded compares to it line by line. Mirrors anklume's
 * {@code roles/incus_nftables/templates/anklume-isolation.nft.j2}: one forward chain at priority -1
 * (before Incus's own chains, anklume's decision D-007), policy accept so nothing but anklume's bridges
 * is affected, return traffic accepted, invalid dropped, same-bridge accepted, each policy an accept
 * rule, then drops between the bridges. Unlike anklume, bridges are named one by one from the infra's
 * enabled domains (never a {@code net-*} wildcard, which could hit bridges anklume does not own), the
 * invalid-state drop is limited to those bridges, and each domain pair has its own drop rule with a
 * counter, so the drops per pair can be read back.
 */
public record NftRuleset(String table) {
    public static final String FAMILY = "inet";
    public static final String NAME = "anklume";
    public static final String TABLE = FAMILY + " " + NAME;
    static final int COMMENT_MAX = 120;

    public static NftRuleset generate(Infra infra, AddressPlan addresses) {
        List<String> bridges = infra.enabledDomains().stream().map(Domain::bridge).toList();
        List<String> domains = infra.enabledDomains().stream().map(Domain::name).toList();
        List<Flow> flows = AllowedFlows.of(infra, addresses);
        List<String> forward = new ArrayList<>();
        forward.add("type filter hook forward priority filter - 1; policy accept;");
        forward.add("ct state established,related accept");
        if (!bridges.isEmpty()) {
            forward.add("iifname " + set(bridges) + " ct state invalid drop");
        }
        for (String b : bridges) {
            forward.add("iifname " + quote(b) + " oifname " + quote(b) + " accept");
        }
        for (Flow f : flows) {
            if (f.forwarded()) {
                forward.add("iifname " + quote(f.from().bridge()) + " oifname " + quote(f.to().bridge())
                        + addressMatch(f) + portMatch(f) + " accept comment " + quote(comment(f)));
            }
        }
        for (int i = 0; i < bridges.size(); i++) {
            for (int j = 0; j < bridges.size(); j++) {
                if (i != j) {
                    forward.add("iifname " + quote(bridges.get(i)) + " oifname " + quote(bridges.get(j))
                            + " counter drop comment " + quote(dropComment(domains.get(i), domains.get(j))));
                }
            }
        }
        List<String> input = new ArrayList<>();
        for (Flow f : flows) {
            if (f.to() instanceof Endpoint.Host && f.from().bridge() != null) {
                input.add("iifname " + quote(f.from().bridge()) + addressMatch(f) + portMatch(f)
                        + " accept comment " + quote(comment(f)));
            }
        }
        StringBuilder text = new StringBuilder("table " + TABLE + " {\n");
        chain(text, "isolation", forward);
        if (!input.isEmpty()) {
            input.add(0, "type filter hook input priority filter - 1; policy accept;");
            text.append('\n');
            chain(text, "host-input", input);
        }
        text.append("}\n");
        return new NftRuleset(text.toString());
    }

    /** The comment of a pair's drop rule; the pair can be read back from it. */
    static String dropComment(String from, String to) {
        return "drop " + from + " -> " + to;
    }

    /**
     * The file {@code nft -f} loads as one transaction: create the table if missing, delete it, define it
     * again. Only this table changes; a failure anywhere leaves the old table as it was.
     */
    public String transaction() {
        return "table " + TABLE + "\ndelete table " + TABLE + "\n" + table;
    }

    /** The transaction that removes the table, and succeeds when it is already absent. */
    public static String removal() {
        return "table " + TABLE + "\ndelete table " + TABLE + "\n";
    }

    private static void chain(StringBuilder text, String name, List<String> lines) {
        text.append("\tchain ").append(name).append(" {\n");
        lines.forEach(l -> text.append("\t\t").append(l).append('\n'));
        text.append("\t}\n");
    }

    private static String addressMatch(Flow f) {
        String match = "";
        if (f.from() instanceof Endpoint.OneMachine m) {
            match += " ip saddr " + m.ip();
        }
        if (f.to() instanceof Endpoint.OneMachine m) {
            match += " ip daddr " + m.ip();
        }
        return match;
    }

    private static String portMatch(Flow f) {
        if (f.allPorts()) {
            return "";
        }
        String proto = f.protocol().name().toLowerCase();
        List<Integer> ports = f.ports().stream().distinct().sorted().toList();
        String list = ports.size() == 1 ? String.valueOf(ports.get(0))
                : "{ " + ports.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " }";
        return " " + proto + " dport " + list;
    }

    private static String comment(Flow f) {
        String text = f.policyLabel() + ": " + f.from().label() + " -> " + f.to().label() + (f.reverse() ? " (reverse)" : "");
        return text.length() > COMMENT_MAX ? text.substring(0, COMMENT_MAX) : text;
    }

    private static String set(List<String> names) {
        return names.size() == 1 ? quote(names.get(0))
                : "{ " + names.stream().map(NftRuleset::quote).collect(Collectors.joining(", ")) + " }";
    }

    /** nft strings cannot hold a double quote or a newline. */
    static String quote(String s) {
        return '"' + s.replace('"', '\'').replace('\n', ' ') + '"';
    }
}
