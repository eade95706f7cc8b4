package org.lmcx.render;

import org.lmcx.session.LandscapeGrid;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.Renderer;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;

import java.util.ArrayList;
import java.util.List;

/**
 * The 2D loss landscape: heatmap plus contour lines (at quantiles of the values) of the loss on a plane, the models marked on it (each
 * with its own marker shape and a legend entry). Updated in place as the grid fills in coarse-to-fine.
 */
public final class LandscapeChart {

    private final XYChart chart;
    private final DefaultNumericAxis x;
    private final DefaultNumericAxis y;
    private final DefaultNumericAxis z;
    private LandscapeGrid grid;
    private final ErrorDataSetRenderer points = Charts.points();
    private final ErrorDataSetRenderer contourLines = Charts.lines();

    public LandscapeChart() {
        x = Charts.axis(LandscapeGrid.REBASIN_X, null);
        y = Charts.axis(LandscapeGrid.REBASIN_Y, null);
        z = Charts.axis("loss", "nats");
        chart = Heatmaps.chart("Loss landscape", x, y, z);
        Charts.crosshair(chart).setValueAt("loss", (px, py) -> grid == null ? Double.NaN : grid.valueAt(px, py));
        contourLines.setDrawMarker(false);
        contourLines.setAssumeSortedData(false);
        contourLines.setPointReduction(false);
        contourLines.setShowInLegend(false);
        contourLines.getAxes().addAll(x, y);
        points.getAxes().addAll(x, y);
        chart.getRenderers().addAll(contourLines, points);
    }

    public XYChart chart() {
        return chart;
    }

    /** Shows a (possibly partly evaluated) grid; FX thread. */
    public void setGrid(LandscapeGrid g) {
        grid = g;
        if (g == null) {
            for (Renderer r : chart.getRenderers()) {
                r.getDatasets().clear();
            }
            chart.setTitle("Loss landscape");
            return;
        }
        chart.setTitle(g.title());
        x.setName(g.xName() == null ? LandscapeGrid.REBASIN_X : g.xName());
        y.setName(g.yName() == null ? LandscapeGrid.REBASIN_Y : g.yName());
        z.setName(g.zName());
        z.setUnit(g.zUnit());
        double[][] filled = fillMissing(g);
        double[] scale = colourRange(g, filled);
        if (scale != null) {
            z.setAutoRanging(false);
            z.set(scale[0], scale[1]);
            z.setTickUnit(Math.max(1e-9, (scale[1] - scale[0]) / 8));
        } else {
            z.setAutoRanging(true);
        }
        // ChartFX leaves cells outside the z range blank, so values above the cap are clamped to it: every
        // computed cell is drawn, the highest ones in the top colour.
        Heatmaps.heatRenderer(chart).getDatasets().setAll(Heatmaps.grid(g.zName(), g.x(), g.y(),
                scale == null ? filled : clamp(filled, scale[0], scale[1])));
        double[][] iso = Contours.lines(g.x(), g.y(), filled, Contours.levels(filled, 10));
        DoubleDataSet lines = new DoubleDataSet("contours", iso[0], iso[1], iso[0].length, false);
        lines.setStyle("-fx-line-color: rgba(255,255,255,0.85); -fx-stroke: rgba(255,255,255,0.85);"
                + " -fx-line-width: 1.1; -fx-show-in-legend: false;");
        contourLines.getDatasets().setAll(lines);
        List<DataSet> ms = new ArrayList<>();
        for (int i = 0; i < g.markers().size(); i++) {
            LandscapeGrid.Marker m = g.markers().get(i);
            DoubleDataSet d = new DoubleDataSet(m.label(), new double[]{m.x()}, new double[]{m.y()}, 1, false);
            d.setStyle(Palette.marker(i + 1, 9));
            ms.add(d);
        }
        points.getDatasets().setAll(ms);
    }

    /**
     * The colour scale: from the smallest value to the largest, or to the 90th percentile where the largest is
     * far above it. Far corners of a plane can be orders of magnitude worse than the basins the picture is
     * about; a scale up to their maximum paints every basin the same dark. Null when nothing is computed yet.
     */
    static double[] colourRange(LandscapeGrid g, double[][] filled) {
        double[] range = g.finiteRange();
        double[] q = Contours.levels(filled, 9);
        if (Double.isNaN(range[0]) || q.length == 0 || !(range[1] > range[0])) {
            return null;
        }
        double cap = Math.max(q[q.length - 1], range[0] + 1e-9);
        return new double[]{range[0], range[1] > 1.5 * cap ? cap : range[1]};
    }

    /** Values limited to [lo, hi] (NaN stays NaN). */
    static double[][] clamp(double[][] z, double lo, double hi) {
        double[][] out = new double[z.length][];
        for (int j = 0; j < z.length; j++) {
            out[j] = new double[z[j].length];
            for (int i = 0; i < z[j].length; i++) {
                double v = z[j][i];
                out[j][i] = Double.isNaN(v) ? v : Math.max(lo, Math.min(hi, v));
            }
        }
        return out;
    }

    /**
     * Cells not yet evaluated take the nearest evaluated value along their row or column, so a coarse pass
     * already shows the surface's shape (contouring NaNs would draw nothing at all).
     */
    static double[][] fillMissing(LandscapeGrid g) {
        double[][] z = g.z();
        int ny = z.length;
        int nx = ny == 0 ? 0 : z[0].length;
        double[][] out = new double[ny][nx];
        double[] range = g.finiteRange();
        double fallback = Double.isNaN(range[0]) ? 0 : range[1];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double v = z[j][i];
                if (!Double.isFinite(v)) {
                    v = nearest(z, i, j, fallback);
                }
                out[j][i] = v;
            }
        }
        return out;
    }

    private static double nearest(double[][] z, int i, int j, double fallback) {
        double best = fallback;
        int bestD = Integer.MAX_VALUE;
        for (int jj = 0; jj < z.length; jj++) {
            for (int ii = 0; ii < z[jj].length; ii++) {
                if (Double.isFinite(z[jj][ii])) {
                    int d = Math.abs(ii - i) + Math.abs(jj - j);
                    if (d < bestD) {
                        bestD = d;
                        best = z[jj][ii];
                    }
                }
            }
        }
        return best;
    }

    public static String csv(LandscapeGrid g) {
        StringBuilder sb = new StringBuilder("x,y,").append(Csv.field(g.zName())).append('\n');
        for (int j = 0; j < g.y().length; j++) {
            for (int i = 0; i < g.x().length; i++) {
                sb.append(Csv.num(g.x()[i])).append(',').append(Csv.num(g.y()[j])).append(',')
                        .append(Csv.num(g.z()[j][i])).append('\n');
            }
        }
        for (LandscapeGrid.Marker m : g.markers()) {
            sb.append("# marker ").append(Csv.field(m.label())).append(' ').append(Csv.num(m.x())).append(' ')
                    .append(Csv.num(m.y())).append('\n');
        }
        return sb.toString();
    }
}
