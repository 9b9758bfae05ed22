package fi.hel.callrec.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A benchmark's settings: {@code key=value} arguments first, then system properties of the same
 * name, then the default. Numbers may be written with underscores ({@code 2_400_000}).
 */
final class Options {

    private final Map<String, String> args = new LinkedHashMap<>();

    private Options() {
    }

    static Options parse(String[] argv) {
        Options options = new Options();
        for (String arg : argv) {
            // exec.args arrives as one string split on spaces, so an empty argument is just a stray space.
            if (arg.isBlank()) {
                continue;
            }
            String a = arg.startsWith("--") ? arg.substring(2) : arg;
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("argument '" + arg + "' is not key=value");
            }
            options.args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return options;
    }

    String string(String key, String defaultValue) {
        String value = args.get(key);
        if (value == null) {
            value = System.getProperty(key);
        }
        return value == null || value.isBlank() ? defaultValue : value.strip();
    }

    long number(String key, long defaultValue) {
        String value = string(key, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + value + " is not a whole number");
        }
    }

    int integer(String key, int defaultValue) {
        return Math.toIntExact(number(key, defaultValue));
    }
}
