package io.anklume.core.infra;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Checks a 5-field cron expression as Incus's snapshots.schedule takes it; returns what is wrong. */
final class Cron {
    private record Field(String name, int min, int max, List<String> names) {}

    private static final List<Field> FIELDS = List.of(
            new Field("minute", 0, 59, List.of()),
            new Field("hour", 0, 23, List.of()),
            new Field("day of month", 1, 31, List.of()),
            new Field("month", 1, 12, List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")),
            new Field("day of week", 0, 7, List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat")));

    private Cron() {}

    static Optional<String> problem(String expression) {
        String[] parts = expression.trim().split("\\s+");
        if (parts.length != 5) {
            return Optional.of("'" + expression + "' is not a 5-field cron expression (minute hour day-of-month month "
                    + "day-of-week, e.g. \"0 2 * * *\")");
        }
        for (int i = 0; i < 5; i++) {
            Optional<String> p = field(parts[i], FIELDS.get(i));
            if (p.isPresent()) {
                return Optional.of("'" + expression + "': " + p.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> field(String text, Field f) {
        for (String item : text.split(",", -1)) {
            String range = item;
            if (item.contains("/")) {
                String[] s = item.split("/", -1);
                if (s.length != 2 || !isNumber(s[1]) || Integer.parseInt(s[1]) < 1) {
                    return Optional.of("bad step '" + item + "' in the " + f.name() + " field");
                }
                range = s[0];
            }
            if (range.equals("*")) {
                continue;
            }
            String[] bounds = range.split("-", -1);
            if (bounds.length > 2) {
                return Optional.of("bad range '" + item + "' in the " + f.name() + " field");
            }
            Integer lo = null;
            for (String b : bounds) {
                Integer v = value(b, f);
                if (v == null) {
                    return Optional.of("'" + b + "' is not a valid " + f.name() + " (" + f.min() + "-" + f.max() + ")");
                }
                if (lo != null && v < lo) {
                    return Optional.of("range '" + range + "' goes backwards in the " + f.name() + " field");
                }
                lo = v;
            }
        }
        return Optional.empty();
    }

    private static Integer value(String s, Field f) {
        if (isNumber(s)) {
            int v = Integer.parseInt(s);
            return v >= f.min() && v <= f.max() ? v : null;
        }
        int i = f.names().indexOf(s.toLowerCase(Locale.ROOT));
        return i < 0 ? null : i + (f.min() == 1 ? 1 : 0);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() <= 4 && s.chars().allMatch(Character::isDigit);
    }
}
