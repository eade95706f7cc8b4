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
 * @param parsed  receives the method's options once parsed (null: nobody listens): the complete resolved
 *                options of a run, and which of them the method read
 */
public record MatchContext(long seed, Dataset train, Monitor monitor, Map<String, String> options,
                           java.util.function.Consumer<MethodOptions> parsed) {

    public MatchContext(long seed, Dataset train, Monitor monitor, Map<String, String> options) {
        this(seed, train, monitor, options, null);
    }

    public MatchContext {
        monitor = monitor == null ? Monitor.NONE : monitor;
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
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
        return new MatchContext(seed, train, monitor, m, parsed);
    }

    public MatchContext withMonitor(Monitor m) {
        return new MatchContext(seed, train, m, options, parsed);
    }

    /**
     * This run's options for {@code method}, parsed and checked against what it declares: an unknown key is an
     * {@link UserInputException} suggesting the nearest declared name.
     */
    public MethodOptions options(Matcher method) {
        MethodOptions o = MethodOptions.parse(method.name(), method.options(), options);
        if (parsed != null) {
            parsed.accept(o);
        }
        return o;
    }
}
