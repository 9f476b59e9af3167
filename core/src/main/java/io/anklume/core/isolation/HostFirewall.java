package io.anklume.core.isolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * The host's {@code table inet anklume}, through {@code nft}: check, deploy, compare, remove. Only that
 * table is ever named; nothing here flushes the ruleset or touches Incus's {@code inet incus}. A deploy
 * is one {@code nft -f} transaction, which the kernel applies whole or not at all, after a
 * {@code nft -c} check of the same file.
 */
public final class HostFirewall {
    private final NftRunner nft;
    private final boolean readOnly;

    public HostFirewall(NftRunner nft, boolean readOnly) {
        this.nft = nft;
        this.readOnly = readOnly;
    }

    /** What a deploy replaced ({@code previous}, empty when there was no table) and what is loaded now. */
    public record Deployment(Optional<String> previous, String loaded) {}

    /** The loaded table as nft prints it, or empty when there is none. */
    public Optional<String> loaded() {
        NftRunner.Result r = nft.run(List.of("list", "table", NftRuleset.FAMILY, NftRuleset.NAME));
        if (r.ok()) {
            return Optional.of(r.stdout());
        }
        if (r.stderr().contains("No such file or directory") || r.stderr().contains("does not exist")) {
            return Optional.empty();
        }
        throw new IsolationException("cannot read table " + NftRuleset.TABLE + ": " + reason(r));
    }

    /** Checks the deploy transaction with {@code nft -c} (nothing is loaded); throws with nft's message. */
    public void check(NftRuleset ruleset) {
        withFile(ruleset.transaction(), file -> {
            NftRunner.Result r = nft.run(List.of("-c", "-f", file.toString()));
            if (!r.ok()) {
                throw new IsolationException("nft rejected the rules for table " + NftRuleset.TABLE + ": " + reason(r));
            }
            return null;
        });
    }

    /** Checks, then replaces the table in one transaction. On failure nothing changed. */
    public Deployment deploy(NftRuleset ruleset) {
        refuseIfReadOnly("deploy");
        Optional<String> previous = loaded();
        check(ruleset);
        withFile(ruleset.transaction(), file -> {
            NftRunner.Result r = nft.run(List.of("-f", file.toString()));
            if (!r.ok()) {
                throw new IsolationException("cannot deploy table " + NftRuleset.TABLE + " (the loaded rules are unchanged): "
                        + reason(r));
            }
            return null;
        });
        return new Deployment(previous, loaded().orElse(""));
    }

    /** The difference between the loaded table and the wanted one. */
    public NftDrift drift(NftRuleset wanted) {
        Optional<String> now = loaded();
        List<String> lines = LineDiff.diff(NftText.normalize(now.orElse("")), NftText.normalize(wanted.table()));
        return new NftDrift(now.isPresent(), lines);
    }

    /** Removes the table; true when there was one. */
    public boolean remove() {
        refuseIfReadOnly("remove");
        boolean present = loaded().isPresent();
        withFile(NftRuleset.removal(), file -> {
            NftRunner.Result r = nft.run(List.of("-f", file.toString()));
            if (!r.ok()) {
                throw new IsolationException("cannot remove table " + NftRuleset.TABLE + ": " + reason(r));
            }
            return null;
        });
        return present;
    }

    private void refuseIfReadOnly(String action) {
        if (readOnly) {
            throw new IsolationException("cannot " + action + " table " + NftRuleset.TABLE + ": anklume-tui runs in read-only mode");
        }
    }

    private static String reason(NftRunner.Result r) {
        String text = (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
        return text.isEmpty() ? "nft exited with " + r.exitCode() : text;
    }

    private interface FileAction {
        Object apply(Path file);
    }

    /** nft reads a file; it is private to root (0600) and removed afterwards. */
    private static void withFile(String text, FileAction action) {
        Path file;
        try {
            file = Files.createTempFile("anklume-nft-", ".nft",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the nft rules file", e);
        }
        try {
            action.apply(file);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A left temp file in /tmp holds only rules that were printed anyway.
            }
        }
    }
}
