package io.anklume.core.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsed options of one subcommand: flags, options with a value, and positional arguments. */
record Args(Set<String> flags, Map<String, String> options, List<String> positional) {

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    String option(String name) {
        return options.get(name);
    }

    static Args parse(List<String> args, Set<String> knownFlags, Set<String> knownOptions) throws UsageException {
        Set<String> flags = new HashSet<>();
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-h") || a.equals("--help")) {
                flags.add("--help");
            } else if (a.startsWith("--") && a.contains("=") && knownOptions.contains(a.substring(0, a.indexOf('=')))) {
                options.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else if (knownOptions.contains(a)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(a + " needs a value");
                }
                options.put(a, args.get(++i));
            } else if (knownFlags.contains(a)) {
                flags.add(a);
            } else if (a.startsWith("-") && a.length() > 1) {
                throw new UsageException("unknown option " + a);
            } else {
                positional.add(a);
            }
        }
        return new Args(flags, options, positional);
    }
}
