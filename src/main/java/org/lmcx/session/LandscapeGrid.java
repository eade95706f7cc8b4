package org.lmcx.session;

import org.lmcx.analysis.Landscape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 * @param xName    name of the x axis (null: the git-re-basin plane's)
 * @param yName    name of the y axis (null: the git-re-basin plane's)
 * @param accuracy test accuracy (fraction) on the same grid, or null (sessions written before it was kept)
 */
public record LandscapeGrid(String title, double[] x, double[] y, double[][] z, String zName, String zUnit,
                            List<Marker> markers, String xName, String yName, double[][] accuracy) {

    public static final String REBASIN_X = "plane coordinate α (along A → B)";
    public static final String REBASIN_Y = "plane coordinate β (orthogonal)";

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
        if (accuracy != null) {
            double[][] a = new double[accuracy.length][];
            for (int j = 0; j < accuracy.length; j++) {
                a[j] = accuracy[j].clone();
                if (a[j].length != x.length) {
                    throw new IllegalArgumentException("accuracy row " + j + " has " + a[j].length + " values for "
                            + x.length + " x coordinates");
                }
            }
            if (a.length != y.length) {
                throw new IllegalArgumentException(a.length + " accuracy rows for " + y.length + " y coordinates");
            }
            accuracy = a;
        }
    }

    /** A surface without accuracy. */
    public LandscapeGrid(String title, double[] x, double[] y, double[][] z, String zName, String zUnit,
                         List<Marker> markers, String xName, String yName) {
        this(title, x, y, z, zName, zUnit, markers, xName, yName, null);
    }

    /**
     * The accuracy surface (in %) as a grid of its own, same plane and markers; null when none was kept.
     */
    public LandscapeGrid accuracyGrid() {
        if (accuracy == null) {
            return null;
        }
        double[][] pct = new double[accuracy.length][];
        for (int j = 0; j < accuracy.length; j++) {
            pct[j] = new double[accuracy[j].length];
            for (int i = 0; i < pct[j].length; i++) {
                pct[j][i] = 100 * accuracy[j][i];
            }
        }
        return new LandscapeGrid(title.replace("Test loss", "Test accuracy"), x, y, pct, "test accuracy", "%",
                markers, xName, yName, null);
    }

    /**
     * The test-loss surface of a (possibly partial) {@link Landscape} result.
     *
     * @param names labels of the result's models in order, e.g. {@code ["A", "B", "π(B) wm"]} for the
     *              git-re-basin plane or {@code ["A", "π(B) wm", "π(C) wm"]} for the three-model plane; missing
     *              names fall back to the result's own
     */
    public static LandscapeGrid of(Landscape.Result r, List<String> names) {
        List<Marker> ms = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < r.models().size(); i++) {
            Landscape.ModelPoint p = r.models().get(i);
            String label = names != null && i < names.size() && names.get(i) != null ? names.get(i) : p.name();
            labels.add(label);
            ms.add(new Marker(label, p.x(), p.y()));
        }
        boolean three = Landscape.THREE_MODELS.equals(r.plane());
        String xName = three && labels.size() > 1 ? "plane coordinate along A → " + labels.get(1) : REBASIN_X;
        String yName = three && labels.size() > 2 ? "plane coordinate along A → " + labels.get(2) : REBASIN_Y;
        String title = String.format(Locale.ROOT, "Test loss on the plane through %s%s, %d/%d points",
                String.join(", ", labels), r.bnReset() ? " (BN reset)" : "", r.computed(), r.total());
        return new LandscapeGrid(title, r.xs(), r.ys(), r.loss(), "test loss", "nats", ms, xName, yName,
                r.accuracy());
    }

    /**
     * The grid as a {@link Landscape.Result} (for keeping it with its run): a grid holds loss only, so accuracy
     * reads NaN and the models sit at their markers with unknown loss; points not evaluated stay NaN.
     */
    public Landscape.Result toResult() {
        double[][] acc = new double[z.length][];
        int computed = 0;
        for (int j = 0; j < z.length; j++) {
            acc[j] = new double[z[j].length];
            java.util.Arrays.fill(acc[j], Double.NaN);
            for (double v : z[j]) {
                computed += Double.isFinite(v) ? 1 : 0;
            }
        }
        List<Landscape.ModelPoint> points = new ArrayList<>();
        for (Marker m : markers) {
            points.add(new Landscape.ModelPoint(m.label(), m.x(), m.y(), Double.NaN, Double.NaN));
        }
        return new Landscape.Result(threeModelPlane() ? Landscape.THREE_MODELS : Landscape.REBASIN, zName, x, y, z,
                acc, points, computed, computed == x.length * y.length,
                title != null && title.contains("(BN reset)"), Double.NaN);
    }

    /** Whether this is a plane through A, π(B), π(C) (as opposed to git-re-basin's A, B, π(B)). */
    public boolean threeModelPlane() {
        return xName != null && !REBASIN_X.equals(xName);
    }

    /** The value of the grid cell nearest to (px, py), NaN outside the grid or where not evaluated. */
    public double valueAt(double px, double py) {
        int i = nearest(x, px);
        int j = nearest(y, py);
        return i < 0 || j < 0 ? Double.NaN : z[j][i];
    }

    private static int nearest(double[] v, double p) {
        if (v.length == 0 || !Double.isFinite(p)) {
            return -1;
        }
        double half = v.length > 1 ? Math.abs(v[1] - v[0]) / 2 : 0;
        if (p < v[0] - half || p > v[v.length - 1] + half) {
            return -1;
        }
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (Math.abs(v[k] - p) < Math.abs(v[best] - p)) {
                best = k;
            }
        }
        return best;
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
