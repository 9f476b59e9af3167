package io.anklume.core.isolation;

import java.util.Map;

/**
 * What the isolation view shows: who may reach whom ({@code matrix}), how it is enforced right now in
 * words ({@code enforcement}, e.g. "table inet anklume is loaded and matches infra.yml"), whether that is
 * as wanted ({@code inPlace}), and the packets each domain pair's drop rule has counted ("pro -> perso").
 */
public record IsolationReport(IsolationMatrix matrix, String enforcement, boolean inPlace, Map<String, Long> dropped) {

    public long dropped(String from, String to) {
        return dropped.getOrDefault(from + " -> " + to, 0L);
    }
}
