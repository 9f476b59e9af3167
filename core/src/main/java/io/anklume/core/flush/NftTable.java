package io.anklume.core.flush;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The isolation table {@code inet <name>} (anklume's is {@code anklume}), through the {@code nft} tool:
 * only that one table is ever looked at or deleted.
 */
public final class NftTable {
    public static final String ANKLUME = "anklume";

    private final String name;

    public NftTable(String name) {
        if (!name.matches("^[a-z][a-z0-9_]*$")) {
            throw new IllegalArgumentException("not an nft table name: " + name);
        }
        this.name = name;
    }

    public String name() {
        return "inet " + name;
    }

    /** True when {@code nft list table inet <name>} succeeds (false without nft or the table). */
    public boolean exists() {
        return run(List.of("nft", "list", "table", "inet", name)) == 0;
    }

    /** The {@code net-*} interface names the table's rules mention; empty when it does not exist. */
    public java.util.Set<String> bridges() {
        if (run(List.of("nft", "list", "table", "inet", name)) != 0) {
            return java.util.Set.of();
        }
        java.util.Set<String> out = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(net-[a-z0-9-]+)\"").matcher(lastError);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Deletes the table; the message is nft's own when it fails. */
    public void delete() {
        if (run(List.of("nft", "delete", "table", "inet", name)) != 0) {
            throw new IllegalStateException("nft delete table inet " + name + " failed: " + lastError);
        }
    }

    /** The output of the last nft run (its listing, or its error). */
    private String lastError = "";

    private int run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                lastError = "timed out";
                return -1;
            }
            lastError = output.strip();
            return p.exitValue();
        } catch (IOException e) {
            lastError = e.getMessage();
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastError = "interrupted";
            return -1;
        }
    }
}
