package io.anklume.core.flush;

import io.anklume.core.isolation.NftRunner;
import io.anklume.core.isolation.ProcessNftRunner;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The isolation table {@code inet <name>} (anklume's is {@code anklume}), through the {@code nft} tool
 * (the same {@link NftRunner} the isolation deploy uses): only that one table is ever looked at or
 * deleted.
 */
public final class NftTable {
    public static final String ANKLUME = "anklume";
    private static final Pattern BRIDGE = Pattern.compile("\"(net-[a-z0-9-]+)\"");

    private final String name;
    private final NftRunner nft;

    public NftTable(String name) {
        this(name, new ProcessNftRunner());
    }

    public NftTable(String name, NftRunner nft) {
        if (!name.matches("^[a-z][a-z0-9_]*$")) {
            throw new IllegalArgumentException("not an nft table name: " + name);
        }
        this.name = name;
        this.nft = nft;
    }

    public String name() {
        return "inet " + name;
    }

    /** True when {@code nft list table inet <name>} succeeds (false without nft or the table). */
    public boolean exists() {
        return list().ok();
    }

    /** The {@code net-*} interface names the table's rules mention; empty when it does not exist. */
    public Set<String> bridges() {
        NftRunner.Result listing = list();
        Set<String> out = new TreeSet<>();
        if (listing.ok()) {
            Matcher m = BRIDGE.matcher(listing.stdout());
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** Deletes the table; the message is nft's own when it fails. */
    public void delete() {
        NftRunner.Result r = nft.run(List.of("delete", "table", "inet", name));
        if (!r.ok()) {
            throw new IllegalStateException("nft delete table inet " + name + " failed: "
                    + (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip());
        }
    }

    private NftRunner.Result list() {
        return nft.run(List.of("list", "table", "inet", name));
    }
}
