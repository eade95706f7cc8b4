package org.lmcx.render.figure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tick positions and labels: "nice" steps (1, 2, 5 × 10ⁿ) on linear axes, integers only on index axes, and on
 * log axes every decade labelled, with 2× and 5× (or every integer multiple) labelled as well when the range
 * spans too few decades to show more than one label. Small enough to own; ChartFX's tick code needs a live chart.
 */
public final class AxisTicks {

    /** A tick: position, label ("" for an unlabelled minor tick). */
    public record Tick(double value, String label, boolean major) {
    }

    private AxisTicks() {
    }

    /** Ticks in [lo, hi] for an axis, about {@code target} labelled ones. */
    public static List<Tick> of(Figure.Axis axis, double lo, double hi, int target) {
        if (axis.log()) {
            return log(lo, hi);
        }
        return axis.integer() ? integer(lo, hi, target) : linear(lo, hi, target);
    }

    static double niceStep(double span, int target) {
        double raw = span / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * mag;
    }

    public static List<Tick> linear(double lo, double hi, int target) {
        List<Tick> out = new ArrayList<>();
        if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            return out;
        }
        double step = niceStep(hi - lo, target);
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
        if (Math.abs(step / Math.pow(10, -decimals) - Math.rint(step / Math.pow(10, -decimals))) > 1e-6) {
            decimals++;
        }
        long first = (long) Math.ceil(lo / step - 1e-9);
        for (long k = first; k * step <= hi + step * 1e-9; k++) {
            double v = k * step;
            out.add(new Tick(v, format(v, decimals), true));
        }
        return out;
    }

    public static List<Tick> integer(double lo, double hi, int target) {
        List<Tick> out = new ArrayList<>();
        if (!(hi > lo)) {
            return out;
        }
        double s = niceStep(hi - lo, target);
        long step = Math.max(1, Math.round(s));
        if (step > 2 && step % 5 != 0 && step % 2 != 0) {
            step = (step / 5 + 1) * 5;
        }
        long first = (long) Math.ceil(lo);
        first = Math.floorDiv(first + step - 1, step) * step;
        for (long v = first; v <= hi + 1e-9; v += step) {
            out.add(new Tick(v, Long.toString(v), true));
        }
        return out;
    }

    public static List<Tick> log(double lo, double hi) {
        List<Tick> out = new ArrayList<>();
        if (!(lo > 0) || !(hi > lo)) {
            return out;
        }
        int d0 = (int) Math.floor(Math.log10(lo));
        int d1 = (int) Math.ceil(Math.log10(hi));
        int decadesInside = 0;
        for (int d = d0; d <= d1; d++) {
            double v = Math.pow(10, d);
            if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
                decadesInside++;
            }
        }
        // Two decade labels or fewer: label 2× and 5× too; none at all: every multiple.
        int[] labelled = decadesInside >= 3 ? new int[]{1} : decadesInside >= 1 ? new int[]{1, 2, 5}
                : new int[]{1, 2, 3, 4, 5, 6, 7, 8, 9};
        boolean thin = d1 - d0 > 12;
        for (int d = d0; d <= d1; d++) {
            for (int m = 1; m <= 9; m++) {
                double v = m * Math.pow(10, d);
                if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) {
                    continue;
                }
                boolean label = contains(labelled, m) && (!thin || (m == 1 && d % 2 == 0));
                if (thin && m != 1) {
                    continue;
                }
                out.add(new Tick(v, label ? logLabel(m, d) : "", m == 1 || label));
            }
        }
        return out;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** The label a log axis gives a tick at {@code v} (m·10ᵈ with m an integer 1…9). */
    public static String logLabel(double v) {
        int d = (int) Math.floor(Math.log10(v) + 1e-9);
        int m = (int) Math.round(v / Math.pow(10, d));
        return logLabel(m, d);
    }

    /** m·10ᵈ as a plain number between 0.001 and 10⁴, else as 10ᵈ or m×10ᵈ with superscript digits. */
    static String logLabel(int m, int d) {
        if (d >= -3 && d <= 4) {
            return format(m * Math.pow(10, d), Math.max(0, -d));
        }
        String pow = "10" + superscript(d);
        return m == 1 ? pow : m + "×" + pow;
    }

    static String superscript(int n) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder sb = new StringBuilder(n < 0 ? "⁻" : "");
        for (char c : Integer.toString(Math.abs(n)).toCharArray()) {
            sb.append(digits.charAt(c - '0'));
        }
        return sb.toString();
    }

    static String format(double v, int decimals) {
        if (Math.abs(v) < 1e-12) {
            v = 0;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
