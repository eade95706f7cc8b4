package org.lmcx.match;

import org.lmcx.model.UserInputException;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A method's options for one run, parsed and checked in one place: every given key must be one the method
 * declares (else an error that suggests the nearest declared name), every value is parsed by its
 * {@link MethodOption}, and the method reads typed values only for options it declares.
 */
public final class MethodOptions {

    private final String method;
    private final Map<String, Object> values = new HashMap<>();
    private final Set<String> declared = new LinkedHashSet<>();
    private final Set<String> read = new LinkedHashSet<>();

    private MethodOptions(String method) {
        this.method = method;
    }

    /** Parses {@code given} against {@code options}; unknown keys are refused with a suggestion. */
    public static MethodOptions parse(String method, List<MethodOption<?>> options, Map<String, String> given) {
        MethodOptions o = new MethodOptions(method);
        options.forEach(opt -> o.declared.add(opt.name()));
        for (String key : given.keySet()) {
            if (!o.declared.contains(key)) {
                throw new UserInputException(unknownKey(method, key, o.declared));
            }
        }
        for (MethodOption<?> opt : options) {
            String v = given.get(opt.name());
            o.values.put(opt.name(), v == null ? opt.defaultValue() : opt.parse(v));
        }
        return o;
    }

    /** "method wm has no option "max_iters" (did you mean max_iter?; options: max_iter)". */
    static String unknownKey(String method, String key, Set<String> declared) {
        String known = declared.isEmpty() ? "it takes none" : "options: " + String.join(", ", declared);
        return declared.stream().min(Comparator.comparingInt(d -> distance(key, d)))
                .filter(best -> distance(key, best) <= Math.max(2, key.length() / 3))
                .map(best -> "method " + method + " has no option \"" + key + "\" (did you mean " + best + "?; "
                        + known + ")")
                .orElse("method " + method + " has no option \"" + key + "\" (" + known + ")");
    }

    /** The value of a declared option (null for a derived default the method fills in). */
    @SuppressWarnings("unchecked")
    public <T> T get(MethodOption<T> option) {
        if (!declared.contains(option.name())) {
            throw new IllegalStateException("method " + method + " reads option " + option.name()
                    + " without declaring it in options()");
        }
        read.add(option.name());
        return (T) values.get(option.name());
    }

    /** The options read so far, in order (tests check that a method reads everything it advertises). */
    public List<String> read() {
        return new ArrayList<>(read);
    }

    private static int distance(String a, String b) {
        return LevenshteinDistance.getDefaultInstance().apply(a, b);
    }

    /** Defaults as shown, in declaration order. */
    public static Map<String, String> defaults(List<MethodOption<?>> options) {
        Map<String, String> m = new LinkedHashMap<>();
        options.forEach(o -> m.put(o.name(), o.defaultText()));
        return m;
    }
}
