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
    private final ErrorDataSetRenderer lambdaMark = Charts.points();
    private double cap = Double.NaN;
    private double lambda = Double.NaN;

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
        lambdaMark.getAxes().addAll(x, y);
        chart.getRenderers().addAll(contourLines, points, lambdaMark);
    }

    /**
     * The top of the colour scale: NaN = automatic (see {@link #colourRange}), +∞ = the maximum, else this
     * value. The chart title says when cells are above it.
     */
    public void setCap(double value) {
        cap = value;
        setGrid(grid);
    }

    /** Moves the θ(λ) marker (on the segment A → π(B) of the plane); NaN hides it. */
    public void setLambda(double value) {
        lambda = value;
        double[] at = grid == null ? null : org.lmcx.render.figure.LandscapeFigures.thetaOfLambda(grid, value);
        if (at == null) {
            lambdaMark.getDatasets().clear();
            return;
        }
        DoubleDataSet d = new DoubleDataSet(String.format(java.util.Locale.ROOT, "θ(λ=%.2f)", value),
                new double[]{at[0]}, new double[]{at[1]}, 1, false);
        d.setStyle("-fx-marker-color: black; -fx-stroke: black; -fx-fill: white; -fx-marker-type: circle;"
                + " -fx-marker-size: 7; -fx-marker-line-width: 2;");
        lambdaMark.getDatasets().setAll(d);
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
        Charts.crosshair(chart).setValueAt(g.zName(), (px, py) -> grid == null ? Double.NaN : grid.valueAt(px, py));
        // Accuracy: higher is better, the whole range matters; the percentile cap is for losses.
        double[] scale = "%".equals(g.zUnit()) ? fullRange(g) : colourRange(g, filled);
        if (scale != null && !Double.isNaN(cap) && !"%".equals(g.zUnit())) {
            scale = new double[]{scale[0], Double.isInfinite(cap) ? g.finiteRange()[1] : Math.max(scale[0] + 1e-9, cap)};
        }
        double top = g.finiteRange()[1];
        if (scale != null && top > scale[1] * (1 + 1e-9)) {
            chart.setTitle(g.title() + String.format(java.util.Locale.ROOT, "  (colours capped at %.3g; max %.3g)",
                    scale[1], top));
        }
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
        setLambda(lambda);
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

    private static double[] fullRange(LandscapeGrid g) {
        double[] r = g.finiteRange();
        return Double.isNaN(r[0]) || !(r[1] > r[0]) ? null : r;
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

    /** Plain x,y,value rows (markers and units are in the figure export's JSON sidecar, never comment lines). */
    public static String csv(LandscapeGrid g) {
        StringBuilder sb = new StringBuilder("x,y,").append(Csv.field(g.zName())).append('\n');
        for (int j = 0; j < g.y().length; j++) {
            for (int i = 0; i < g.x().length; i++) {
                sb.append(Csv.num(g.x()[i])).append(',').append(Csv.num(g.y()[j])).append(',')
                        .append(Csv.num(g.z()[j][i])).append('\n');
            }
        }
        return sb.toString();
    }
}
