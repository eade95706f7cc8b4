package org.lmcx.app;

import javafx.collections.ListChangeListener;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lmcx.analysis.Interpolation;
import org.lmcx.render.figure.FigureOptions;
import org.lmcx.render.figure.FigureSpec;
import org.lmcx.render.figure.PaperFigures;
import org.lmcx.render.InterpolationCharts;

import java.util.ArrayList;
import java.util.List;

/**
 * Loss (top) and accuracy (bottom) along the path for every ticked run of the open models, labelled by run
 * ("wm · seed 1"), with the λ marker.
 */
final class InterpolationView extends javafx.scene.layout.StackPane implements ExportableView {

    /**
     * Below this height the two charts sit side by side with legends below (a 1024×768 window), above it they
     * are stacked with legends beside the plots: either way each plot area keeps at least 200 px.
     */
    static final double STACK_MIN_HEIGHT = 620;
    private final VBox stacked = new VBox();
    private final javafx.scene.layout.HBox sideBySide = new javafx.scene.layout.HBox(4);

    private final InterpolationCharts charts = new InterpolationCharts();
    private final MainViewModel vm;
    private final javafx.animation.PauseTransition throttle =
            new javafx.animation.PauseTransition(javafx.util.Duration.millis(50));
    private double pendingLambda = Double.NaN;

    InterpolationView(MainViewModel vm) {
        this.vm = vm;
        setId("interpolation-view");
        charts.lossChart().setId("loss-chart");
        charts.accuracyChart().setId("accuracy-chart");
        for (var c : List.of(charts.lossChart(), charts.accuracyChart())) {
            VBox.setVgrow(c, Priority.ALWAYS);
            javafx.scene.layout.HBox.setHgrow(c, Priority.ALWAYS);
            c.setMaxWidth(Double.MAX_VALUE);
            c.setMaxHeight(Double.MAX_VALUE);
            c.setMinSize(0, 0);
        }
        arrange(true);
        heightProperty().addListener((o, x, h) -> arrange(h.doubleValue() >= STACK_MIN_HEIGHT));
        vm.runs().shownPairs().addListener((ListChangeListener<RunRow>) c -> refresh());
        // Redrawing both charts for every mouse event of a drag would crowd the readout out of the FX thread
        // (software rendering needs tens of ms per chart); markers follow at most every 50 ms instead.
        throttle.setOnFinished(e -> {
            if (!Double.isNaN(pendingLambda)) {
                charts.setLambda(pendingLambda);
                pendingLambda = Double.NaN;
                throttle.playFromStart();
            }
        });
        vm.preview().lambdaProperty().addListener((o, x, y) -> {
            if (throttle.getStatus() == javafx.animation.Animation.Status.RUNNING) {
                pendingLambda = y.doubleValue();
            } else {
                charts.setLambda(y.doubleValue());
                throttle.playFromStart();
            }
        });
        charts.setLambda(vm.preview().lambdaProperty().get());
        refresh();
    }

    /** The curves drawn: one per ticked run of the open models, under the run's label. */
    List<Interpolation.Result> curves() {
        List<Interpolation.Result> out = new ArrayList<>();
        List<RunRow> rows = vm.runs().shownPairs().stream().filter(r -> r.run().curve() != null).toList();
        List<String> labels = RunsViewModel.labels(rows);
        for (int i = 0; i < rows.size(); i++) {
            Interpolation.Result c = rows.get(i).run().curve();
            out.add(new Interpolation.Result(labels.get(i), c.lambdas(), c.train(), c.test(), c.bnReset(),
                    c.seconds()));
        }
        return out;
    }

    private void arrange(boolean stack) {
        javafx.scene.layout.Pane target = stack ? stacked : sideBySide;
        if (getChildren().size() == 1 && getChildren().get(0) == target) {
            return;
        }
        stacked.getChildren().clear();
        sideBySide.getChildren().clear();
        target.getChildren().setAll(charts.lossChart(), charts.accuracyChart());
        for (var c : List.of(charts.lossChart(), charts.accuracyChart())) {
            c.getLegend().setSide(stack ? io.fair_acc.chartfx.ui.geometry.Side.RIGHT
                    : io.fair_acc.chartfx.ui.geometry.Side.BOTTOM);
            c.getLegend().setVertical(stack);
        }
        getChildren().setAll(target);
    }

    private void refresh() {
        charts.setRuns(curves());
    }

    InterpolationCharts charts() {
        return charts;
    }

    @Override
    public List<FigureSpec> figures(FigureOptions o) {
        List<Interpolation.Result> curves = curves();
        return curves.isEmpty() ? List.of()
                : List.of(PaperFigures.path(curves, o.withLambda(vm.preview().lambdaProperty().get())));
    }
}
