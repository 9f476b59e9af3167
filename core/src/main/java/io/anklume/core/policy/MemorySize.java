package io.anklume.core.policy;

import java.util.Map;

/** Incus memory strings ("2GiB", "512MiB", "4GB") to bytes and back, as anklume writes them. */
public final class MemorySize {
    private static final Map<String, Long> SUFFIXES = new java.util.LinkedHashMap<>();

    static {
        SUFFIXES.put("GiB", 1L << 30);
        SUFFIXES.put("MiB", 1L << 20);
        SUFFIXES.put("KiB", 1L << 10);
        SUFFIXES.put("GB", 1_000_000_000L);
        SUFFIXES.put("MB", 1_000_000L);
    }

    private MemorySize() {}

    /** Bytes of a memory string; 0 when unreadable. */
    public static long parse(String value) {
        String v = value == null ? "" : value.strip();
        for (Map.Entry<String, Long> e : SUFFIXES.entrySet()) {
            if (v.endsWith(e.getKey())) {
                try {
                    return (long) (Double.parseDouble(v.substring(0, v.length() - e.getKey().length())) * e.getValue());
                } catch (NumberFormatException ex) {
                    return 0;
                }
            }
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Whole GiB when exact, else whole MiB (rounded down), else bytes. */
    public static String format(long bytes) {
        if (bytes >= (1L << 30) && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "GiB";
        }
        if (bytes >= (1L << 20)) {
            return (bytes >> 20) + "MiB";
        }
        return Long.toString(bytes);
    }
}
