package org.lmcx.match;

import org.lmcx.model.Model;

/**
 * A matching method: finds a permutation of B's hidden units that aligns B with A. Implementations are
 * stateless (all per-run state lives in the call), so one instance may serve several threads.
 */
public interface Matcher {

    /** The registry name, e.g. {@code "wm"}. */
    String name();

    /**
     * @param a   reference model (kept as is)
     * @param b   model to permute; must have A's architecture
     * @param ctx seed, optional data, monitor, method options
     * @throws org.lmcx.task.CancelledException if the monitor's cancellation is triggered
     */
    MatchResult match(Model a, Model b, MatchContext ctx);

    /**
     * The options this method reads and the value each takes when not given, in display order: the GUI shows
     * them as the method's editable option text and the README lists them.
     */
    default java.util.Map<String, String> defaultOptions() {
        return java.util.Map.of();
    }

    /**
     * Every option key the method reads: {@link #defaultOptions()}'s plus those without a default. An option
     * outside the keys of all methods is refused by {@link MatchContext} with a "did you mean".
     */
    default java.util.Set<String> optionKeys() {
        return defaultOptions().keySet();
    }

    /** An ordered option map from alternating keys and values, for {@link #defaultOptions()}. */
    static java.util.Map<String, String> options(String... keysAndValues) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Whether the method needs training data in its context. */
    default boolean needsData() {
        return false;
    }
}
