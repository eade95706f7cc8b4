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
        return chart;
    }

    public static ContourDataSetRenderer heatRenderer(XYChart chart) {
        return (ContourDataSetRenderer) chart.getRenderers().get(0);
    }

    /** z[row = y][column = x]; NaNs (not yet evaluated) are drawn as the lowest colour's transparency. */
    public static DataSet grid(String name, double[] x, double[] y, double[][] z) {
        return new DataSetBuilder(name).setValues(DataSet.DIM_X, x).setValues(DataSet.DIM_Y, y)
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
