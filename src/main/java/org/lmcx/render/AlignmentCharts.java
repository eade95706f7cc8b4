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

    public AlignmentCharts() {
        before = make("before matching");
        after = make("after matching");
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
        set(before, m.before());
        set(after, m.after());
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
