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

    /**
     * Shares one set of {@code -O} options among several methods: {@code method.key=value} goes to that method
     * alone, a plain {@code key=value} to every listed method that declares the key. A key no listed method
     * declares is a {@link UserInputException} with the nearest declared name.
     *
     * @return per method, the options it receives (every listed method present)
     */
    public static Map<String, Map<String, String>> split(List<String> methods, Map<String, String> given) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        java.util.Set<String> declared = new java.util.LinkedHashSet<>();
        for (String m : methods) {
            out.put(m, new LinkedHashMap<>());
            get(m).options().forEach(o -> declared.add(o.name()));
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            if (dot > 0 && out.containsKey(key.substring(0, dot).toLowerCase(Locale.ROOT))) {
                out.get(key.substring(0, dot).toLowerCase(Locale.ROOT)).put(key.substring(dot + 1), e.getValue());
                continue;
            }
            boolean taken = false;
            for (String m : methods) {
                if (get(m).options().stream().anyMatch(o -> o.name().equals(key))) {
                    out.get(m).put(key, e.getValue());
                    taken = true;
                }
            }
            if (!taken) {
                throw new UserInputException(MethodOptions.unknownKey(String.join(", ", methods), key, declared)
                        .replaceFirst("^method ", methods.size() > 1 ? "methods " : "method "));
            }
        }
        return out;
    }
}
