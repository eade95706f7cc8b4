package org.lmcx.match;

import org.lmcx.model.UserInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The matching methods by name. Adding a method is one class implementing {@link Matcher} plus one line in
 * the table below; the CLI and the GUI list whatever is here.
 */
public final class Matchers {

    private static final Map<String, Supplier<Matcher>> REGISTRY;

    static {
        Map<String, Supplier<Matcher>> m = new LinkedHashMap<>();
        m.put(IdentityMatcher.NAME, IdentityMatcher::new);
        m.put(WeightMatching.NAME, WeightMatching::new);
        m.put(SinkhornWeightMatching.NAME, SinkhornWeightMatching::new);
        m.put(ActivationMatching.NAME, ActivationMatching::new);
        m.put(SteMatching.NAME, SteMatching::new);
        REGISTRY = Collections.unmodifiableMap(m);
    }

    private Matchers() {
    }

    /** The option keys any registered method reads (methods share one option list in {@code analyze}). */
    public static java.util.Set<String> optionKeys() {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        REGISTRY.values().forEach(s -> keys.addAll(s.get().optionKeys()));
        return keys;
    }

    /** Registered names in registration order. */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    public static boolean has(String name) {
        return name != null && REGISTRY.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /**
     * @throws IllegalArgumentException listing the known names if {@code name} is not registered
     */
    public static Matcher get(String name) {
        Supplier<Matcher> s = name == null ? null : REGISTRY.get(name.toLowerCase(Locale.ROOT));
        if (s == null) {
            throw new UserInputException("unknown matching method \"" + name + "\" (known: "
                    + String.join(", ", REGISTRY.keySet()) + ")");
        }
        return s.get();
    }
}
