package org.lmcx.render;

import java.util.List;

/**
 * A loss surface sampled on a plane through parameter space, as the landscape chart draws it. A grid filled
 * coarse-to-fine is handed over several times; points not yet evaluated are NaN.
 *
 * @param title    what the plane spans, e.g. "plane through A, B, π(B)"
 * @param x        plane coordinates along the first basis vector, ascending
 * @param y        plane coordinates along the second basis vector, ascending
 * @param z        {@code z[j][i]} = value at {@code (x[i], y[j])} (rows are y, as ChartFX's grid data sets expect)
 * @param zName    what z is, e.g. "test loss"
 * @param zUnit    its unit, e.g. "nats"
 * @param markers  named points drawn on top (the models), in plane coordinates
 */
public record LandscapeGrid(String title, double[] x, double[] y, double[][] z, String zName, String zUnit,
                            List<Marker> markers) {

    /** A labelled point on the plane. */
    public record Marker(String label, double x, double y) {
    }

    public LandscapeGrid {
        x = x.clone();
        y = y.clone();
        double[][] c = new double[z.length][];
        for (int j = 0; j < z.length; j++) {
            c[j] = z[j].clone();
            if (c[j].length != x.length) {
                throw new IllegalArgumentException("row " + j + " has " + c[j].length + " values for " + x.length
                        + " x coordinates");
            }
        }
        if (c.length != y.length) {
            throw new IllegalArgumentException(c.length + " rows for " + y.length + " y coordinates");
        }
        z = c;
        markers = markers == null ? List.of() : List.copyOf(markers);
    }

    /** Smallest and largest finite z, or {NaN, NaN} when nothing is evaluated yet. */
    public double[] finiteRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : z) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo > hi ? new double[]{Double.NaN, Double.NaN} : new double[]{lo, hi};
    }
}
