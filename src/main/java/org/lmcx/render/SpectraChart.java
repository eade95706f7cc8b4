package org.lmcx.render;

import org.lmcx.session.SpectrumSet;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;

/** Singular values of one layer, index on x (1 = largest), value on y, linear or log scale. */
public final class SpectraChart {

    private final XYChart chart;
    private final DefaultNumericAxis y;
    private final ErrorDataSetRenderer lines = Charts.lines();

    public SpectraChart() {
        DefaultNumericAxis x = Charts.axis("singular value index i (1 = largest)", null);
        y = Charts.decadeAxis("singular value σᵢ", null);
        chart = Charts.xyChart("Singular value spectrum", x, y);
        chart.getRenderers().add(lines);
    }

    public XYChart chart() {
        return chart;
    }

    public void setLogScale(boolean log) {
        y.setLogAxis(log);
        chart.invalidate();
    }

    public void setSpectra(SpectrumSet s) {
        if (s == null) {
            lines.getDatasets().clear();
            return;
        }
        chart.setTitle("Singular value spectrum of " + s.layer());
        List<DataSet> ds = new ArrayList<>();
        for (int i = 0; i < s.series().size(); i++) {
            SpectrumSet.Series ser = s.series().get(i);
            double[] v = ser.values();
            double[] x = new double[v.length];
            for (int k = 0; k < v.length; k++) {
                x[k] = k + 1;
            }
            ds.add(InterpolationCharts.series(ser.label(), x, v, 1, Palette.series(i, false)));
        }
        lines.getDatasets().setAll(ds);
    }

    public static String csv(List<SpectrumSet> sets) {
        StringBuilder sb = new StringBuilder("layer,model,index,singular_value\n");
        for (SpectrumSet s : sets) {
            for (SpectrumSet.Series ser : s.series()) {
                double[] v = ser.values();
                for (int k = 0; k < v.length; k++) {
                    sb.append(Csv.field(s.layer())).append(',').append(Csv.field(ser.label())).append(',')
                            .append(k + 1).append(',').append(Csv.num(v[k])).append('\n');
                }
            }
        }
        return sb.toString();
    }
}
