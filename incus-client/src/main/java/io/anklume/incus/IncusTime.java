package io.anklume.incus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;

/**
 * Incus's timestamps (Go's RFC 3339 with nanoseconds, {@code 2026-12-07T15:47:40.564460879Z}) as instants,
 * and its zero time ({@code 0001-01-01T00:00:00Z}, "never") as null.
 *
 * <p>The one shape Incus writes is read by hand: {@link OffsetDateTime#parse} costs ~0.1–0.2 ms a call
 * while the JVM is cold, and the first instance list holds two timestamps per instance (about 60–130 ms
 * for 300 instances on the start-up path). Anything else goes to {@link OffsetDateTime#parse}, so the
 * results and the errors stay the JDK's.
 */
final class IncusTime {
    /** Times before this are Incus's zero time. */
    private static final Instant NEVER_BEFORE = Instant.ofEpochSecond(365L * 86_400); // 1971-01-01T00:00:00Z

    private IncusTime() {}

    /** Null for null, blank and the zero time; throws {@link java.time.format.DateTimeParseException} when not a time. */
    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant t = rfc3339(text);
        if (t == null) {
            t = OffsetDateTime.parse(text).toInstant();
        }
        return t.isBefore(NEVER_BEFORE) ? null : t;
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f…](Z|±HH:mm)} with a valid date and time, else null (left to the JDK).
     */
    static Instant rfc3339(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nano = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            int length = i - start;
            if (length == 0 || length > 9) {
                return null;
            }
            nano = digits(s, start, length);
            for (int k = length; k < 9; k++) {
                nano *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int offsetHours = digits(s, i + 1, 2);
            int offsetMinutes = digits(s, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 17 || offsetMinutes < 0 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        } else {
            return null;
        }
        long seconds = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds - offsetSeconds, nano);
    }

    /** The non-negative number written with ASCII digits at {@code s[from, from+count)}, or -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
