package org.lmcx.render;

import org.lmcx.session.AlignmentMaps;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.Renderer;
import io.fair_acc.dataset.DataSet;

import java.util.List;
import java.util.Locale;

/**
 * Side-by-side heatmaps of |UaᵀUb| (or |VaᵀVb|) before and after matching. Both colour bars are fixed to
 * [0, 1] so the two panels compare by colour directly.
 */
public final class AlignmentCharts {

    private final XYChart before;
    private final XYChart after;
    private AlignmentMaps shown;
    private boolean fitData;

    public AlignmentCharts() {
        before = make("before matching");
        after = make("after matching");
        Charts.crosshair(before).setValueAt("|cos|", (x, y) -> cell(shown == null ? null : shown.before(), x, y));
        Charts.crosshair(after).setValueAt("|cos|", (x, y) -> cell(shown == null ? null : shown.after(), x, y));
    }

    /** The value of the cell under (x, y) = (column j, row i), NaN outside. */
    static double cell(double[][] m, double x, double y) {
        if (m == null || !Double.isFinite(x) || !Double.isFinite(y)) {
            return Double.NaN;
        }
        long i = Math.round(y);
        long j = Math.round(x);
        return i < 0 || i >= m.length || j < 0 || j >= m[(int) i].length ? Double.NaN : m[(int) i][(int) j];
    }

    /**
     * Both colour bars on one range fitted to the two maps (true), or both on [0, 1] (false, the default): either
     * way before and after compare by colour.
     */
    public void setFitData(boolean fit) {
        fitData = fit;
        setMaps(shown);
    }

    private static XYChart make(String title) {
        DefaultNumericAxis x = Charts.axis("direction j of B", null);
        DefaultNumericAxis y = Charts.axis("direction i of A", null);
        DefaultNumericAxis z = Charts.axis("|cosine|", null);
        z.setAutoRanging(false);
        z.set(0, 1);
        z.setTickUnit(0.2);
        XYChart c = Heatmaps.chart(title, x, y, z);
        c.setLegendVisible(false);
        return c;
    }

    public XYChart beforeChart() {
        return before;
    }

    public XYChart afterChart() {
        return after;
    }

    public void setMaps(AlignmentMaps m) {
        shown = m;
        if (m == null) {
            clear(before);
            clear(after);
            return;
        }
        String vec = "left".equals(m.side()) ? "|UaᵀUb|" : "|VaᵀVb|";
        before.setTitle(String.format(Locale.ROOT, "%s before (diag. mean %.3f)", vec,
                AlignmentMaps.diagonalMean(m.before())));
        after.setTitle(String.format(Locale.ROOT, "%s after %s (diag. mean %.3f)", vec, m.method(),
                AlignmentMaps.diagonalMean(m.after())));
        double lo = 0;
        double hi = 1;
        if (fitData) {
            double[] a = range(m.before());
            double[] b = range(m.after());
            lo = Math.min(a[0], b[0]);
            hi = Math.max(Math.max(a[1], b[1]), lo + 1e-6);
        }
        for (XYChart c : List.of(before, after)) {
            DefaultNumericAxis z = (DefaultNumericAxis) Heatmaps.heatRenderer(c).getAxes().get(2);
            z.set(lo, hi);
            z.setTickUnit(niceStep((hi - lo) / 5));
        }
        set(before, m.before());
        set(after, m.after());
    }

    private static double niceStep(double raw) {
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    }

    private static double[] range(double[][] m) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] r : m) {
            for (double v : r) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo > hi ? new double[]{0, 1} : new double[]{lo, hi};
    }

    private static void clear(XYChart c) {
        for (Renderer r : c.getRenderers()) {
            r.getDatasets().clear();
        }
    }

    private static void set(XYChart c, double[][] m) {
        if (m.length == 0) {
            clear(c);
            return;
        }
        Heatmaps.indexAxis((DefaultNumericAxis) Heatmaps.heatRenderer(c).getAxes().get(0), m[0].length);
        Heatmaps.indexAxis((DefaultNumericAxis) Heatmaps.heatRenderer(c).getAxes().get(1), m.length);
        DataSet d = Heatmaps.grid("alignment", Heatmaps.indices(m[0].length), Heatmaps.indices(m.length), m);
        Heatmaps.heatRenderer(c).getDatasets().setAll(d);
    }

    public static String csv(List<AlignmentMaps> maps) {
        StringBuilder sb = new StringBuilder("layer,side,method,when,i,j,abs_cosine\n");
        for (AlignmentMaps m : maps) {
            for (int w = 0; w < 2; w++) {
                double[][] a = w == 0 ? m.before() : m.after();
                for (int i = 0; i < a.length; i++) {
                    for (int j = 0; j < a[i].length; j++) {
                        sb.append(Csv.field(m.layer())).append(',').append(m.side()).append(',')
                                .append(Csv.field(m.method())).append(',').append(w == 0 ? "before" : "after")
                                .append(',').append(i).append(',').append(j).append(',').append(Csv.num(a[i][j]))
                                .append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }
}
