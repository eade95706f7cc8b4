package org.lmcx.render;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import org.lmcx.analysis.Barrier;
import org.lmcx.analysis.Interpolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loss and accuracy along θ(λ) = (1−λ)θa + λπ(θb), one pair of stacked charts for every method run: test
 * curves solid (per-method colour, dash and marker), train curves thin and dashed in the same colour, the
 * linear loss/accuracy barrier of the test curve drawn as a vertical segment from the endpoints' straight
 * line to the curve and quoted in the legend, and a λ marker that the app moves with its slider.
 */
public final class InterpolationCharts {

    private final XYChart loss;
    private final XYChart accuracy;
    private final ErrorDataSetRenderer lossLines = Charts.lines();
    private final ErrorDataSetRenderer accLines = Charts.lines();
    private final ErrorDataSetRenderer lossNotes = Charts.lines();
    private final ErrorDataSetRenderer accNotes = Charts.lines();
    private final XValueIndicator lossMarker;
    private final XValueIndicator accMarker;

    public InterpolationCharts() {
        DefaultNumericAxis lx = Charts.axis("interpolation weight λ", null);
        DefaultNumericAxis ly = Charts.axis("cross-entropy loss", "nats");
        loss = Charts.xyChart("Loss along the path A → π(B)", lx, ly);
        DefaultNumericAxis ax = Charts.axis("interpolation weight λ", null);
        DefaultNumericAxis ay = Charts.axis("accuracy", "%");
        accuracy = Charts.xyChart("Accuracy along the path A → π(B)", ax, ay);
        lossNotes.setDrawMarker(true);
        accNotes.setDrawMarker(true);
        loss.getRenderers().addAll(lossLines, lossNotes);
        accuracy.getRenderers().addAll(accLines, accNotes);
        lossMarker = new XValueIndicator(lx, 0.5, "λ");
        accMarker = new XValueIndicator(ax, 0.5, "λ");
        lossMarker.setEditable(false);
        accMarker.setEditable(false);
        loss.getPlugins().add(lossMarker);
        accuracy.getPlugins().add(accMarker);
    }

    public XYChart lossChart() {
        return loss;
    }

    public XYChart accuracyChart() {
        return accuracy;
    }

    /** Replaces all curves; call on the FX thread (the arrays are tiny: one value per λ). */
    public void setRuns(List<Interpolation.Result> runs) {
        List<DataSet> l = new ArrayList<>();
        List<DataSet> a = new ArrayList<>();
        List<DataSet> ln = new ArrayList<>();
        List<DataSet> an = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Interpolation.Result r = runs.get(i);
            double[] x = r.lambdas();
            if (r.test() != null) {
                Interpolation.SplitCurve t = r.test();
                Barrier lb = t.lossBarrier();
                Barrier ab = t.accuracyBarrier();
                l.add(series(r.label() + " test" + quote(lb, false), x, t.loss(), 1, Palette.series(i, false)));
                a.add(series(r.label() + " test" + quote(ab, true), x, t.accuracy(), 100,
                        Palette.series(i, false)));
                if (lb != null) {
                    ln.add(barrierSegment(r.label(), x, t.loss(), lb, 1, i));
                }
                if (ab != null) {
                    an.add(barrierSegment(r.label(), x, t.accuracy(), ab, 100, i));
                }
            }
            if (r.train() != null) {
                Interpolation.SplitCurve t = r.train();
                l.add(series(r.label() + " train" + quote(t.lossBarrier(), false), x, t.loss(), 1,
                        Palette.series(i, true)));
                a.add(series(r.label() + " train" + quote(t.accuracyBarrier(), true), x, t.accuracy(), 100,
                        Palette.series(i, true)));
            }
        }
        lossLines.getDatasets().setAll(l);
        accLines.getDatasets().setAll(a);
        lossNotes.getDatasets().setAll(ln);
        accNotes.getDatasets().setAll(an);
    }

    public void setLambda(double lambda) {
        String text = String.format(Locale.ROOT, "λ = %.3f", lambda);
        lossMarker.setValue(lambda);
        accMarker.setValue(lambda);
        lossMarker.setText(text);
        accMarker.setText(text);
    }

    private static String quote(Barrier b, boolean percent) {
        if (b == null) {
            return "";
        }
        return percent ? String.format(Locale.ROOT, " (barrier %.2f %%)", 100 * b.value())
                : String.format(Locale.ROOT, " (barrier %.3f)", b.value());
    }

    static DoubleDataSet series(String name, double[] x, double[] y, double scale, String style) {
        double[] ys = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            ys[i] = y[i] * scale;
        }
        DoubleDataSet d = new DoubleDataSet(name, x.clone(), ys, x.length, false);
        d.setStyle(style);
        return d;
    }

    /** The vertical segment between the straight line through the endpoints and the curve at the barrier's λ. */
    private static DoubleDataSet barrierSegment(String label, double[] x, double[] y, Barrier b, double scale,
                                                int index) {
        int i0 = nearest(x, 0);
        int i1 = nearest(x, 1);
        int ib = nearest(x, b.lambda());
        double ref = (1 - b.lambda()) * y[i0] + b.lambda() * y[i1];
        DoubleDataSet d = new DoubleDataSet(label + " barrier", new double[]{x[ib], x[ib]},
                new double[]{ref * scale, y[ib] * scale}, 2, false);
        d.setStyle(Palette.annotation(index) + "-fx-show-in-legend: false;");
        return d;
    }

    private static int nearest(double[] x, double v) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (Math.abs(x[i] - v) < Math.abs(x[best] - v)) {
                best = i;
            }
        }
        return best;
    }

    /** The numbers behind both charts: one row per run, split and λ. */
    public static String csv(List<Interpolation.Result> runs) {
        StringBuilder sb = new StringBuilder("method,split,lambda,loss,accuracy\n");
        for (Interpolation.Result r : runs) {
            for (Interpolation.SplitCurve c : new Interpolation.SplitCurve[]{r.train(), r.test()}) {
                if (c == null) {
                    continue;
                }
                String split = c == r.train() ? "train" : "test";
                double[] x = r.lambdas();
                for (int i = 0; i < x.length; i++) {
                    sb.append(Csv.field(r.label())).append(',').append(split).append(',').append(Csv.num(x[i]))
                            .append(',').append(Csv.num(c.loss()[i])).append(',').append(Csv.num(c.accuracy()[i]))
                            .append('\n');
                }
            }
        }
        return sb.toString();
    }
}
