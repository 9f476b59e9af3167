package io.anklume.tui.widget;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small formatting helpers for cells. */
public final class Text {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private Text() {}

    public static String fit(String s, int width) {
        if (width <= 0) {
            return "";
        }
        String v = s == null ? "" : s;
        if (v.length() > width) {
            return width == 1 ? "…" : v.substring(0, width - 1) + "…";
        }
        return v + " ".repeat(width - v.length());
    }

    public static String bytes(Long b) {
        if (b == null) {
            return "-";
        }
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1fG", b / (double) (1L << 30));
        }
        if (b >= 1L << 20) {
            return String.format(Locale.ROOT, "%.0fM", b / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.0fK", b / 1024.0);
    }

    public static String seconds(Double s) {
        if (s == null) {
            return "-";
        }
        return s >= 100 ? String.format(Locale.ROOT, "%.0fs", s) : String.format(Locale.ROOT, "%.1fs", s);
    }

    public static String date(Instant t) {
        return t == null ? "-" : DATE.format(t);
    }

    public static String ago(Instant t, Instant now) {
        if (t == null) {
            return "-";
        }
        Duration d = Duration.between(t, now);
        if (d.toDays() > 0) {
            return d.toDays() + "d ago";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h ago";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m ago";
        }
        // A snapshot just taken said "0m ago", as if the age were unknown.
        return Math.max(0, d.toSeconds()) + "s ago";
    }
}
