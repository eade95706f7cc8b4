package org.lmcx.match;

import org.lmcx.model.UserInputException;
import org.lmcx.model.Dataset;
import org.lmcx.task.Monitor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a matching run gets besides the two models.
 *
 * @param seed    seeds every random choice of the method, so equal seeds give equal results
 * @param train   training data for data-based methods; null for data-free ones
 * @param monitor progress and cancellation ({@link Monitor#NONE} if null)
 * @param options method options as strings, as they come from the CLI or the GUI (empty if null)
 */
public record MatchContext(long seed, Dataset train, Monitor monitor, Map<String, String> options) {

    public MatchContext {
        monitor = monitor == null ? Monitor.NONE : monitor;
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
        requireKnownKeys(options);
    }

    /**
     * An option no method reads would be silently ignored (a typo like {@code iteration=5} would run the
     * default 200 steps): refused here, where every front end's options enter, with the nearest known key.
     */
    static void requireKnownKeys(Map<String, String> options) {
        java.util.Set<String> known = null;
        for (String key : options.keySet()) {
            if (known == null) {
                known = Matchers.optionKeys();
            }
            if (!known.contains(key)) {
                String nearest = null;
                int best = Integer.MAX_VALUE;
                var distance = org.apache.commons.text.similarity.LevenshteinDistance.getDefaultInstance();
                for (String k : known) {
                    int d = distance.apply(key, k);
                    if (d < best) {
                        best = d;
                        nearest = k;
                    }
                }
                throw new UserInputException("-O " + key + ": unknown method option"
                        + (nearest != null && best <= Math.max(2, key.length() / 3) ? " (did you mean \"" + nearest
                        + "\"?)" : "") + "; known: " + String.join(", ", known));
            }
        }
    }

    /** The training data of a data-based method, or an error naming the method that needs it. */
    public Dataset requireTrain(String method) {
        if (train == null) {
            throw new UserInputException(method + " needs training data (--data DIR, or a dataset folder in the GUI)");
        }
        return train;
    }

    /** Seed only: no data, no monitor, default options. */
    public static MatchContext of(long seed) {
        return new MatchContext(seed, null, Monitor.NONE, Map.of());
    }

    public MatchContext withOption(String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(options);
        m.put(name, value);
        return new MatchContext(seed, train, monitor, m);
    }

    public MatchContext withMonitor(Monitor m) {
        return new MatchContext(seed, train, m, options);
    }

    public String option(String name, String defaultValue) {
        String v = options.get(name);
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }

    /** @throws UserInputException naming the option if the value is not an integer */
    public int intOption(String name, int defaultValue) {
        String v = options.get(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UserInputException("option " + name + " must be an integer, got \"" + v + "\"", e);
        }
    }

    /** @throws UserInputException naming the option if the value is not a finite number */
    public double doubleOption(String name, double defaultValue) {
        String v = options.get(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UserInputException("option " + name + " must be a number, got \"" + v + "\"", e);
        }
        if (!Double.isFinite(d)) {
            throw new UserInputException("option " + name + " must be finite, got \"" + v + "\"");
        }
        return d;
    }

    /** Accepts true/false, yes/no, 1/0. */
    public boolean booleanOption(String name, boolean defaultValue) {
        String v = options.get(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new UserInputException("option " + name + " must be true or false, got \"" + v
                    + "\"");
        };
    }
}
