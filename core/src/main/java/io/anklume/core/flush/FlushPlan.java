package io.anklume.core.flush;

import io.anklume.core.inventory.InstanceRef;
import java.util.ArrayList;
import java.util.List;

/**
 * What a flush deletes, in order, and what it keeps with the reason. {@code profiles} are
 * "project/name"; {@code nftTable} is null when the table is absent or still needed.
 */
public record FlushPlan(List<InstanceRef> instances, List<InstanceRef> unprotect, List<String> profiles,
                        List<String> projects, List<String> bridges, String nftTable, List<String> kept) {

    public boolean isEmpty() {
        return instances.isEmpty() && profiles.isEmpty() && projects.isEmpty() && bridges.isEmpty() && nftTable == null;
    }

    /** The listing shown before the confirmation. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        instances.forEach(i -> out.add("- delete instance " + i + (unprotect.contains(i) ? " (protection lifted: --force)" : "")));
        profiles.forEach(p -> out.add("- delete profile " + p));
        projects.forEach(p -> out.add("- delete project " + p));
        bridges.forEach(b -> out.add("- delete bridge " + b));
        if (nftTable != null) {
            out.add("- delete nft table " + nftTable);
        }
        kept.forEach(k -> out.add("  keep " + k));
        return out;
    }

    public String summary() {
        return count(instances.size(), "instance") + ", " + count(profiles.size(), "profile") + ", "
                + count(projects.size(), "project") + ", " + count(bridges.size(), "bridge")
                + (nftTable == null ? "" : ", the nft table " + nftTable) + (kept.isEmpty() ? "" : "; " + kept.size() + " kept");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
