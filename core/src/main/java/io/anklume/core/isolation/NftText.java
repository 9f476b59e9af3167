package io.anklume.core.isolation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes {@code nft list table} output and a rendered table comparable: counter values dropped (they
 * change with traffic), elements of anonymous sets sorted (nft prints them in its own order), blank
 * lines and trailing spaces removed.
 */
final class NftText {
    private static final Pattern COUNTER = Pattern.compile(" packets \\d+ bytes \\d+");
    private static final Pattern SET = Pattern.compile("\\{ ([^{}]*) }");

    private NftText() {}

    static List<String> normalize(String text) {
        List<String> lines = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = COUNTER.matcher(raw.stripTrailing()).replaceAll("");
            if (line.isBlank()) {
                continue;
            }
            if (line.strip().startsWith("type filter hook")) {
                lines.add(line);
                continue;
            }
            Matcher m = SET.matcher(line);
            StringBuilder sorted = new StringBuilder();
            while (m.find()) {
                String[] items = m.group(1).split(", ");
                Arrays.sort(items);
                m.appendReplacement(sorted, Matcher.quoteReplacement("{ " + String.join(", ", items) + " }"));
            }
            m.appendTail(sorted);
            lines.add(sorted.toString());
        }
        return lines;
    }
}
