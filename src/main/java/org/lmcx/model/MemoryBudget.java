package org.lmcx.model;

import java.util.Locale;

/**
 * The one place that decides whether an input is too big to compute, before anything of its size is
 * allocated. Every size that comes from a file or a flag (layers and channels of a descriptor, tensor counts,
 * λ points, grid sizes, dataset dimensions, session arrays) is turned into a byte estimate with overflow-safe
 * arithmetic and checked here; the CLI and the GUI call the same checks, so both refuse the same inputs.
 *
 * <p>The limit is {@code --max-memory} (system property {@value #PROPERTY}, e.g. {@code 6g}, {@code 512m}) or,
 * by default, 80 % of the JVM's maximum heap: the rest is left for the code and the structures around the
 * estimated arrays. ND4J's off-heap buffers are counted against the same limit (they are bounded by
 * JavaCPP's {@code maxbytes}, which defaults to the heap size).
 */
public final class MemoryBudget {

    /** System property holding the limit, as set by {@code lmcx --max-memory}. */
    public static final String PROPERTY = "lmcx.maxMemory";

    private MemoryBudget() {
    }

    /** Thrown when an input needs more memory than the budget allows; a user error. */
    public static final class TooBigException extends UserInputException {
        public TooBigException(String message) {
            super(message);
        }
    }

    /** The limit in bytes. */
    public static long limitBytes() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return parseSize(p.strip(), "--max-memory");
        }
        return (long) (Runtime.getRuntime().maxMemory() * 0.8);
    }

    /**
     * Parses {@code 8g}, {@code 512m}, {@code 2048k}, {@code 1073741824} (bytes).
     *
     * @throws UserInputException naming {@code flag} if the text is not a positive size
     */
    public static long parseSize(String text, String flag) {
        String t = text.toLowerCase(Locale.ROOT).replace("b", "");
        long unit = 1;
        if (t.endsWith("k")) {
            unit = 1L << 10;
        } else if (t.endsWith("m")) {
            unit = 1L << 20;
        } else if (t.endsWith("g")) {
            unit = 1L << 30;
        } else if (t.endsWith("t")) {
            unit = 1L << 40;
        }
        String num = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            double v = Double.parseDouble(num);
            if (!(v > 0) || Double.isInfinite(v) || v * unit > Long.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return (long) (v * unit);
        } catch (NumberFormatException e) {
            throw new UserInputException(flag + ": \"" + text + "\" is not a memory size (e.g. 8g, 512m)");
        }
    }

    /**
     * Refuses {@code bytes} above the limit.
     *
     * @param what what needs the memory, naming the file or flag, e.g. {@code "landscape --grid 100000"}
     */
    public static void require(String what, long bytes) {
        long limit = limitBytes();
        if (bytes < 0 || bytes > limit) {
            throw new TooBigException(what + ": needs ~" + gb(bytes) + ", limit " + gb(limit)
                    + " (set with --max-memory)");
        }
    }

    /** {@link #require} for {@code count} values of {@code bytesEach}, overflow-safe. */
    public static void requireValues(String what, long count, int bytesEach) {
        require(what, multiply(count, bytesEach));
    }

    /** The product of non-negative factors, or {@link Long#MAX_VALUE} if it overflows (then always too big). */
    public static long multiply(long... factors) {
        long p = 1;
        for (long f : factors) {
            if (f < 0) {
                return Long.MAX_VALUE;
            }
            try {
                p = Math.multiplyExact(p, f);
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return p;
    }

    /** Saturating sum of non-negative terms. */
    public static long add(long a, long b) {
        long s = a + b;
        return (a < 0 || b < 0 || s < 0) ? Long.MAX_VALUE : s;
    }

    static String gb(long bytes) {
        if (bytes < 0 || bytes == Long.MAX_VALUE) {
            return "more than 8 EB";
        }
        double g = bytes / (double) (1L << 30);
        return g >= 100 ? String.format(Locale.ROOT, "%.0f GB", g)
                : g >= 0.1 ? String.format(Locale.ROOT, "%.1f GB", g)
                : String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
    }
}
