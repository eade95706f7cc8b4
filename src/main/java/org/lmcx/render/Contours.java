package org.lmcx.render;

import java.util.Arrays;

/**
 * Iso-lines of a grid by marching squares, as one polyline with NaN breaks between segments (ChartFX's line
 * renderer lifts the pen at NaN). Drawn by us rather than ChartFX's contour renderer, whose thick dashed
 * contour tiles hid the heatmap underneath on small grids.
 */
public final class Contours {

    private Contours() {
    }

    /** {xs, ys} of all segments of all levels, each segment followed by a NaN point. */
    public static double[][] lines(double[] x, double[] y, double[][] z, double[] levels) {
        int cap = 64;
        double[] px = new double[cap];
        double[] py = new double[cap];
        int n = 0;
        for (double level : levels) {
            for (int j = 0; j + 1 < y.length; j++) {
                for (int i = 0; i + 1 < x.length; i++) {
                    double z00 = z[j][i];
                    double z10 = z[j][i + 1];
                    double z01 = z[j + 1][i];
                    double z11 = z[j + 1][i + 1];
                    if (!(Double.isFinite(z00) && Double.isFinite(z10) && Double.isFinite(z01)
                            && Double.isFinite(z11))) {
                        continue;
                    }
                    // Crossing points on the four cell edges (bottom, right, top, left), NaN if none.
                    double[][] e = new double[4][];
                    e[0] = cross(x[i], y[j], z00, x[i + 1], y[j], z10, level);
                    e[1] = cross(x[i + 1], y[j], z10, x[i + 1], y[j + 1], z11, level);
                    e[2] = cross(x[i], y[j + 1], z01, x[i + 1], y[j + 1], z11, level);
                    e[3] = cross(x[i], y[j], z00, x[i], y[j + 1], z01, level);
                    int found = 0;
                    double[][] pts = new double[4][];
                    for (double[] p : e) {
                        if (p != null) {
                            pts[found++] = p;
                        }
                    }
                    // Two crossings: one segment; four (a saddle): pair them in edge order.
                    for (int s = 0; s + 1 < found; s += 2) {
                        if (n + 3 > cap) {
                            cap *= 2;
                            px = Arrays.copyOf(px, cap);
                            py = Arrays.copyOf(py, cap);
                        }
                        px[n] = pts[s][0];
                        py[n++] = pts[s][1];
                        px[n] = pts[s + 1][0];
                        py[n++] = pts[s + 1][1];
                        px[n] = Double.NaN;
                        py[n++] = Double.NaN;
                    }
                }
            }
        }
        return new double[][]{Arrays.copyOf(px, n), Arrays.copyOf(py, n)};
    }

    private static double[] cross(double xa, double ya, double za, double xb, double yb, double zb, double level) {
        if ((za < level) == (zb < level)) {
            return null;
        }
        double t = (level - za) / (zb - za);
        return new double[]{xa + t * (xb - xa), ya + t * (yb - ya)};
    }

    /**
     * {@code count} levels spread by quantiles of the finite values, so a surface with one deep basin and
     * steep walls still gets lines inside the basin (even spacing would put almost all of them on the walls).
     */
    public static double[] levels(double[][] z, int count) {
        int n = 0;
        for (double[] row : z) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    n++;
                }
            }
        }
        if (n < 4) {
            return new double[0];
        }
        double[] all = new double[n];
        int k = 0;
        for (double[] row : z) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    all[k++] = v;
                }
            }
        }
        Arrays.sort(all);
        double[] out = new double[count];
        int m = 0;
        for (int i = 1; i <= count; i++) {
            double v = all[(int) Math.min(n - 1, Math.round((double) i / (count + 1) * (n - 1)))];
            if (m == 0 || v > out[m - 1]) {
                out[m++] = v;
            }
        }
        return Arrays.copyOf(out, m);
    }
}
