package io.anklume.core.isolation;

import java.util.List;

/**
 * What is loaded against what infra.yml wants. {@code loaded} is false when there is no
 * {@code table inet anklume}; {@code lines} is a line diff ("- " only loaded, "+ " only wanted).
 */
public record NftDrift(boolean loaded, List<String> lines) {
    public boolean differs() {
        return lines.stream().anyMatch(l -> !l.startsWith("  "));
    }

    /** Only the lines that differ, for a short report. */
    public List<String> changes() {
        return lines.stream().filter(l -> !l.startsWith("  ")).toList();
    }
}
