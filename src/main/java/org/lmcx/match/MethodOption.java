package org.lmcx.match;

import org.lmcx.model.UserInputException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One option a matching method reads: its name, default, rule and meaning, and how a string value (from
 * {@code -O key=value} or the GUI's option text) is parsed and checked. Each method declares its options as
 * constants of this type and lists them in {@link Matcher#options()}; that list is what the GUI shows, what
 * {@code --help} prints and what the README table is checked against, and a run reads options only through
 * it ({@link MethodOptions}), so a method cannot read an option it does not advertise.
 *
 * @param name         the key
 * @param defaultValue the value when the key is not given; null when it derives from another option
 * @param defaultText  the default as shown (for a derived default, what it derives from)
 * @param rule         the accepted values in words, e.g. {@code "≥ 1"} or {@code "dot|l2"}
 * @param help         what the option does
 * @param <T>          Integer, Double or String
 */
public record MethodOption<T>(String name, T defaultValue, String defaultText, String rule, String help,
                              Function<String, T> parser, Predicate<T> valid) {

    public static MethodOption<Integer> integer(String name, int defaultValue, int min, String help) {
        return new MethodOption<>(name, defaultValue, Integer.toString(defaultValue), "≥ " + min, help,
                v -> parseInt(name, v), v -> v >= min);
    }

    /** An integer whose default derives from elsewhere ({@code derived} says from what). */
    public static MethodOption<Integer> integerDerived(String name, String derived, int min, String help) {
        return new MethodOption<>(name, null, derived, "≥ " + min, help, v -> parseInt(name, v), v -> v >= min);
    }

    /** A finite number in {@code (lowExclusive, highExclusive)}; infinities as bounds mean unbounded. */
    public static MethodOption<Double> number(String name, double defaultValue, double lowExclusive,
                                              double highExclusive, String help) {
        return new MethodOption<>(name, defaultValue, format(defaultValue), range(lowExclusive, highExclusive), help,
                v -> parseDouble(name, v), v -> v > lowExclusive && v < highExclusive);
    }

    /** A number in {@code [0, 1)}, e.g. an Adam β. */
    public static MethodOption<Double> fraction(String name, double defaultValue, String help) {
        return new MethodOption<>(name, defaultValue, format(defaultValue), "in [0, 1)", help,
                v -> parseDouble(name, v), v -> v >= 0 && v < 1);
    }

    /** A number whose default derives from elsewhere. */
    public static MethodOption<Double> numberDerived(String name, String derived, double lowExclusive, String help) {
        return new MethodOption<>(name, null, derived, range(lowExclusive, Double.POSITIVE_INFINITY), help,
                v -> parseDouble(name, v), v -> v > lowExclusive);
    }

    /** One of {@code choices} (case-insensitive), the first being the default. */
    public static MethodOption<String> choice(String name, List<String> choices, String help) {
        return new MethodOption<>(name, choices.get(0), choices.get(0), String.join("|", choices), help,
                v -> v.toLowerCase(Locale.ROOT), choices::contains);
    }

    /** Parses and checks {@code text}; the shown default of a derived option stands for "derive it". */
    public T parse(String text) {
        String v = text.trim();
        if (v.isEmpty() || (defaultValue == null && v.equals(defaultText))) {
            return defaultValue;
        }
        T t = parser.apply(v);
        if (!valid.test(t)) {
            throw new UserInputException("option " + name + " must be " + rule + ", got \"" + text + "\"");
        }
        return t;
    }

    private static int parseInt(String name, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UserInputException("option " + name + " must be an integer, got \"" + v + "\"", e);
        }
    }

    private static double parseDouble(String name, String v) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UserInputException("option " + name + " must be a number, got \"" + v + "\"", e);
        }
        if (!Double.isFinite(d)) {
            throw new UserInputException("option " + name + " must be finite, got \"" + v + "\"");
        }
        return d;
    }

    private static String range(double lo, double hi) {
        if (Double.isInfinite(lo) && Double.isInfinite(hi)) {
            return "a finite number";
        }
        if (Double.isInfinite(hi)) {
            return "> " + format(lo);
        }
        return "in (" + format(lo) + ", " + format(hi) + ")";
    }

    static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d) : Double.toString(d);
    }
}
