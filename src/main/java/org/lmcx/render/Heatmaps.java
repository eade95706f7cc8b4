package org.lmcx.render;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ContourType;
import io.fair_acc.chartfx.renderer.spi.ContourDataSetRenderer;
import io.fair_acc.chartfx.renderer.spi.utils.ColorGradient;
import io.fair_acc.chartfx.ui.geometry.Side;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DataSetBuilder;

/**
 * Grid charts: a heatmap with its colour bar (the z axis on the right, with name, unit and ticks). Viridis: perceptually uniform and monotone in lightness, so it survives
 * greyscale printing.
 */
public final class Heatmaps {

    private Heatmaps() {
    }

    /** A heatmap chart; the returned renderer takes grid data sets ({@link #grid}). */
    public static XYChart chart(String title, DefaultNumericAxis x, DefaultNumericAxis y, DefaultNumericAxis z) {
        XYChart chart = Charts.xyChart(title, x, y);
        z.setSide(Side.RIGHT);
        z.setDimIndex(DataSet.DIM_Z);
        z.getProperties().put(Zoomer.ZOOMER_OMIT_AXIS, true);
        chart.getAxes().add(z);
        ContourDataSetRenderer heat = new ContourDataSetRenderer();
        heat.setContourType(ContourType.HEATMAP);
        heat.setColorGradient(ColorGradient.VIRIDIS);
        heat.getAxes().addAll(x, y, z);
        heat.setShowInLegend(false);
        heat.setSmooth(false);
        chart.getRenderers().add(heat);
        // No grid lines over the cells.
        chart.getGridRenderer().getHorizontalMajorGrid().setVisible(false);
        chart.getGridRenderer().getHorizontalMinorGrid().setVisible(false);
        chart.getGridRenderer().getVerticalMajorGrid().setVisible(false);
        chart.getGridRenderer().getVerticalMinorGrid().setVisible(false);
        return chart;
    }

    /**
     * ChartFX stretches the n cells of a row from the first x to the last, so cell i would sit between
     * coordinates rather than on one. Handing it coordinates spread to the outer cell edges (n points from
     * c₀ − d/2 to cₙ₋₁ + d/2) puts the centre of cell i exactly on cᵢ.
     */
    public static double[] spread(double[] centres) {
        int n = centres.length;
        if (n < 2) {
            return n == 0 ? centres.clone() : new double[]{centres[0]};
        }
        double d = (centres[n - 1] - centres[0]) / (n - 1);
        double lo = centres[0] - d / 2;
        double hi = centres[n - 1] + d / 2;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = lo + (hi - lo) * i / (n - 1);
        }
        return out;
    }

    /**
     * An index axis for {@code n} cells centred on 0 … n−1: fixed range [−0.5, n − 0.5], integer ticks, integer
     * labels, no minor ticks.
     */
    public static void indexAxis(DefaultNumericAxis a, int n) {
        a.setAutoRanging(false);
        a.setAutoRangeRounding(false);
        a.set(-0.5, Math.max(0.5, n - 0.5));
        double step = n <= 12 ? 1 : n <= 25 ? 2 : n <= 60 ? 5 : n <= 120 ? 10 : Math.ceil(n / 120.0) * 10;
        a.setTickUnit(step);
        a.setMinorTickCount(0);
        a.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number v) {
                double d = v.doubleValue();
                return Math.abs(d - Math.rint(d)) < 1e-6 ? Long.toString(Math.round(d)) : "";
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s);
            }
        });
    }

    public static ContourDataSetRenderer heatRenderer(XYChart chart) {
        return (ContourDataSetRenderer) chart.getRenderers().get(0);
    }

    /**
     * z[row = y][column = x] with each cell centred on its (x, y) (see {@link #spread}); NaNs (not yet
     * evaluated) are drawn as the lowest colour's transparency.
     */
    public static DataSet grid(String name, double[] x, double[] y, double[][] z) {
        return new DataSetBuilder(name).setValues(DataSet.DIM_X, spread(x)).setValues(DataSet.DIM_Y, spread(y))
                .setValues(DataSet.DIM_Z, z).build();
    }

    /** Indices 0…n−1 as plot coordinates (matrix heatmaps). */
    public static double[] indices(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }
}
