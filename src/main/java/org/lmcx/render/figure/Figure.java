package org.lmcx.render.figure;

import java.util.List;
import java.util.Objects;

/**
 * A figure as plain numbers: one or more panels laid out left to right. Everything the renderer draws comes
 * from here, so the PNG, SVG and PDF of a figure cannot disagree.
 *
 * @param title  shown above the panels when the theme shows titles; may be null
 * @param panels left to right, at least one
 */
public record Figure(String title, List<Panel> panels) {

    public Figure {
        panels = List.copyOf(panels);
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one panel");
        }
    }

    public static Figure of(String title, Panel... panels) {
        return new Figure(title, List.of(panels));
    }

    /** One plot area with its axes. */
    public sealed interface Panel permits Xy, Heat {
        String title();

        Axis x();

        Axis y();
    }

    /**
     * An axis.
     *
     * @param label    quantity, e.g. "interpolation weight λ"
     * @param unit     unit or null; shown as "label [unit]"
     * @param log      logarithmic scale (decade ticks, sub-decade ticks where a decade is too few)
     * @param integer  ticks only on integers (index axes)
     * @param min      fixed lower end, NaN for automatic
     * @param max      fixed upper end, NaN for automatic
     */
    public record Axis(String label, String unit, boolean log, boolean integer, double min, double max) {
        public static Axis of(String label, String unit) {
            return new Axis(label, unit, false, false, Double.NaN, Double.NaN);
        }

        public Axis log(boolean on) {
            return new Axis(label, unit, on, integer, min, max);
        }

        public Axis integerTicks() {
            return new Axis(label, unit, log, true, min, max);
        }

        public Axis range(double lo, double hi) {
            return new Axis(label, unit, log, integer, lo, hi);
        }

        public String text() {
            return unit == null || unit.isBlank() ? label : label + " [" + unit + "]";
        }
    }

    /** How a series is drawn. */
    public enum Kind {
        /** Polyline with a marker at each point. */
        LINE,
        /** Markers only. */
        POINTS,
        /** Polyline without markers (NaN lifts the pen), e.g. contour lines or a barrier segment. */
        PLAIN
    }

    /**
     * One series.
     *
     * @param label     legend text; null keeps it out of the legend
     * @param x         abscissae
     * @param y         ordinates; NaN breaks the line
     * @param yError    half-width of an error bar at each point, or null
     * @param style     palette index (colour, dash and marker cycle together)
     * @param secondary thinner, dashed, smaller markers (e.g. the train split next to the test split)
     * @param kind      lines, points or plain lines
     * @param color     explicit colour as {@code #RRGGBB} overriding the palette, or null
     */
    public record Series(String label, double[] x, double[] y, double[] yError, int style, boolean secondary,
                         Kind kind, String color) {
        public Series {
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(y, "y");
            if (x.length != y.length || (yError != null && yError.length != y.length)) {
                throw new IllegalArgumentException("series '" + label + "': x, y and error lengths differ ("
                        + x.length + ", " + y.length + (yError == null ? "" : ", " + yError.length) + ")");
            }
            x = x.clone();
            y = y.clone();
            yError = yError == null ? null : yError.clone();
            kind = kind == null ? Kind.LINE : kind;
        }

        public static Series line(String label, double[] x, double[] y, int style) {
            return new Series(label, x, y, null, style, false, Kind.LINE, null);
        }

        public Series withErrors(double[] err) {
            return new Series(label, x, y, err, style, secondary, kind, color);
        }

        public Series asSecondary() {
            return new Series(label, x, y, yError, style, true, kind, color);
        }

        public Series as(Kind k) {
            return new Series(label, x, y, yError, style, secondary, k, color);
        }

        public Series colored(String hex) {
            return new Series(label, x, y, yError, style, secondary, kind, hex);
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        @Override
        public double[] yError() {
            return yError == null ? null : yError.clone();
        }
    }

    /**
     * A vertical reference line (e.g. the λ marker), drawn only when the theme asks for it.
     */
    public record VLine(String label, double x) {
    }

    /** Line plot. {@code lambdaLine} is the slider position, drawn only on request; may be null. */
    public record Xy(String title, Axis x, Axis y, List<Series> series, VLine lambdaLine) implements Panel {
        public Xy {
            series = List.copyOf(series);
        }

        public static Xy of(String title, Axis x, Axis y, List<Series> series) {
            return new Xy(title, x, y, series, null);
        }
    }

    /**
     * The colour scale of a heatmap.
     *
     * @param quantity what the colour shows, with unit, e.g. "test loss [nats]"
     * @param lo       value at the bottom colour
     * @param hi       value at the top colour; cells above it are drawn in the top colour
     * @param log      logarithmic colour scale (values ≤ 0 take the bottom colour)
     * @param dataMin  smallest finite value (to say the scale was capped)
     * @param dataMax  largest finite value
     */
    public record ColourScale(String quantity, double lo, double hi, boolean log, double dataMin, double dataMax) {

        /**
         * From the smallest finite value to {@code cap} (NaN: to the largest); the data range is kept so the
         * colour bar can say when it was capped.
         */
        public static ColourScale of(String quantity, double[][] z, double cap, boolean log) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] row : z) {
                for (double v : row) {
                    if (Double.isFinite(v) && (!log || v > 0)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            if (lo > hi) {
                lo = log ? 1 : 0;
                hi = log ? 10 : 1;
            }
            double top = Double.isFinite(cap) && cap > lo && cap < hi ? cap : hi;
            if (!(top > lo)) {
                top = lo + (log ? lo : 1);
            }
            return new ColourScale(quantity, lo, top, log, lo, hi);
        }

        /** One scale covering both (for a before/after pair or two planes that must compare by colour). */
        public ColourScale union(ColourScale o) {
            double l = Math.min(lo, o.lo);
            double h = Math.max(hi, o.hi);
            return new ColourScale(quantity, l, h, log, Math.min(dataMin, o.dataMin), Math.max(dataMax, o.dataMax));
        }

        public boolean cappedHigh() {
            return dataMax > hi * (1 + 1e-9) + 1e-12;
        }

        public boolean cappedLow() {
            return dataMin < lo - Math.abs(lo) * 1e-9 - 1e-12;
        }
    }

    /**
     * A heatmap: {@code z[row][column]} at ({@code xs[column]}, {@code ys[row]}), each cell centred on its
     * coordinates; NaN cells are left light grey. Series are drawn on top (contours, model positions);
     * {@code lambdaMark} (θ(λ) on the plane, may be null) only when the theme asks for the λ marker.
     */
    public record Heat(String title, Axis x, Axis y, double[] xs, double[] ys, double[][] z, ColourScale scale,
                       List<Series> overlays, Series lambdaMark) implements Panel {
        public Heat {
            if (z.length != ys.length) {
                throw new IllegalArgumentException(z.length + " rows for " + ys.length + " y values");
            }
            double[][] c = new double[z.length][];
            for (int j = 0; j < z.length; j++) {
                if (z[j].length != xs.length) {
                    throw new IllegalArgumentException("row " + j + " has " + z[j].length + " values for "
                            + xs.length + " x values");
                }
                c[j] = z[j].clone();
            }
            z = c;
            xs = xs.clone();
            ys = ys.clone();
            overlays = overlays == null ? List.of() : List.copyOf(overlays);
        }

        public static Heat of(String title, Axis x, Axis y, double[] xs, double[] ys, double[][] z,
                              ColourScale scale, List<Series> overlays) {
            return new Heat(title, x, y, xs, ys, z, scale, overlays, null);
        }

        public Heat withLambdaMark(Series mark) {
            return new Heat(title, x, y, xs, ys, z, scale, overlays, mark);
        }

        public Heat withScale(ColourScale s) {
            return new Heat(title, x, y, xs, ys, z, s, overlays, lambdaMark);
        }

        @Override
        public double[][] z() {
            double[][] c = new double[z.length][];
            for (int j = 0; j < z.length; j++) {
                c[j] = z[j].clone();
            }
            return c;
        }
    }
}
