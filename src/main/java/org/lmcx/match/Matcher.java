package org.lmcx.match;

import org.lmcx.model.Model;

/**
 * A matching method: finds a permutation of B's hidden units that aligns B with A. Implementations are
 * stateless (all per-run state lives in the call), so one instance may serve several threads.
 */
public interface Matcher {

    /** The registry name, e.g. {@code "wm"}. */
    String name();

    /** How the GUI's Methods panel names it, e.g. "weight matching (WM)". */
    String title();

    /** One sentence on what it does and needs, for the GUI's tooltip. */
    String description();

    /**
     * @param a   reference model (kept as is)
     * @param b   model to permute; must have A's architecture
     * @param ctx seed, optional data, monitor, method options
     * @throws org.lmcx.task.CancelledException if the monitor's cancellation is triggered
     */
    MatchResult match(Model a, Model b, MatchContext ctx);

    /**
     * Every option this method reads, in display order: the only options a run may give it and the only ones it
     * can read ({@link MatchContext#options(Matcher)}); the GUI, {@code --help} and the README list them.
     */
    default java.util.List<MethodOption<?>> options() {
        return java.util.List.of();
    }

    /** {@link #options()} with their defaults as shown, for the GUI's option text and run keys. */
    default java.util.Map<String, String> defaultOptions() {
        return MethodOptions.defaults(options());
    }

    /** Whether the method needs training data in its context. */
    default boolean needsData() {
        return false;
    }
}
