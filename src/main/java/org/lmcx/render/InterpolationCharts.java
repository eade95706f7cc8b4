package org.lmcx.render;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.css.DataSetNode;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import org.lmcx.analysis.Barrier;
import org.lmcx.analysis.Interpolation;

import javafx.collections.ListChangeListener;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;

/**
 * Loss and accuracy along θ(λ) = (1−λ)θa + λπ(θb), one pair of stacked charts for every method run: test
 * curves solid (per-method colour, dash and marker), train curves thin and dashed in the same colour, the
 * linear loss/accuracy barrier of the test curve drawn as a vertical segment from the endpoints' straight
 * line to the curve and quoted in the legend, and a λ marker that the app moves with its slider. Hiding a curve
 * (a click on its legend entry) hides its barrier segment too, so the y axis rescales to what is still shown.
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
    /** Each test curve's barrier segment, by identity: DataSet equality compares contents. */
    private final IdentityHashMap<DataSet, DataSet> lossBarrierOf = new IdentityHashMap<>();
    private final IdentityHashMap<DataSet, DataSet> accBarrierOf = new IdentityHashMap<>();

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
        followVisibility(loss, lossLines, lossNotes, lossBarrierOf);
        followVisibility(accuracy, accLines, accNotes, accBarrierOf);
    }

    /**
     * ChartFX's legend toggles the visibility of a curve's {@link DataSetNode}, and its auto-range already skips
     * hidden nodes; the barrier segment lives in another renderer (it has no legend entry of its own), so it
     * follows its curve here, or it would keep the hidden curve's range on the axis.
     */
    private static void followVisibility(XYChart chart, ErrorDataSetRenderer lines, ErrorDataSetRenderer notes,
                                         IdentityHashMap<DataSet, DataSet> barrierOf) {
        lines.getDatasetNodes().addListener((ListChangeListener<DataSetNode>) c -> {
            while (c.next()) {
                for (DataSetNode n : c.getAddedSubList()) {
                    n.visibleProperty().addListener((o, was, is) -> syncBarriers(chart, lines, notes, barrierOf));
                }
            }
        });
    }

    private static void syncBarriers(XYChart chart, ErrorDataSetRenderer lines, ErrorDataSetRenderer notes,
                                     IdentityHashMap<DataSet, DataSet> barrierOf) {
        for (DataSetNode n : lines.getDatasetNodes()) {
            DataSet barrier = barrierOf.get(n.getDataSet());
            DataSetNode b = barrier == null ? null : notes.getStyleableNode(barrier);
            if (b != null) {
                b.setVisible(n.isVisible());
            }
        }
        chart.invalidate();
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
        lossBarrierOf.clear();
        accBarrierOf.clear();
        for (int i = 0; i < runs.size(); i++) {
            Interpolation.Result r = runs.get(i);
            double[] x = r.lambdas();
            if (r.test() != null) {
                Interpolation.SplitCurve t = r.test();
                Barrier lb = t.lossBarrier();
                Barrier ab = t.accuracyBarrier();
                DataSet lc = series(r.label() + " test" + quote(lb, false), x, t.loss(), 1, Palette.series(i, false));
                DataSet ac = series(r.label() + " test" + quote(ab, true), x, t.accuracy(), 100,
                        Palette.series(i, false));
                l.add(lc);
                a.add(ac);
                if (lb != null) {
                    ln.add(barrierSegment(r.label(), x, t.loss(), lb, 1, i));
                    lossBarrierOf.put(lc, ln.get(ln.size() - 1));
                }
                if (ab != null) {
                    an.add(barrierSegment(r.label(), x, t.accuracy(), ab, 100, i));
                    accBarrierOf.put(ac, an.get(an.size() - 1));
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
        syncBarriers(loss, lossLines, lossNotes, lossBarrierOf);
        syncBarriers(accuracy, accLines, accNotes, accBarrierOf);
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
        double[] seg = b.segment(x, y);
        DoubleDataSet d = new DoubleDataSet(label + " barrier", new double[]{seg[0], seg[0]},
                new double[]{seg[1] * scale, seg[2] * scale}, 2, false);
        d.setStyle(Palette.annotation(index) + "-fx-show-in-legend: false;");
        return d;
    }


    /** The numbers behind both charts: one row per run, split and λ. */
    public static String csv(List<Interpolation.Result> runs) {
        StringBuilder sb = new StringBuilder("method,split,lambda,loss,accuracy\n");
        for (Interpolation.Result r : runs) {
            Interpolation.SplitCurve[] curves = {r.train(), r.test()};
            for (int k = 0; k < curves.length; k++) {
                Interpolation.SplitCurve c = curves[k];
                if (c == null) {
                    continue;
                }
                String split = k == 0 ? "train" : "test";
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
