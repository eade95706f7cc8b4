package org.lmcx.app;

import javafx.collections.ListChangeListener;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lmcx.analysis.Interpolation;
import org.lmcx.render.ExportItem;
import org.lmcx.render.InterpolationCharts;

import java.util.ArrayList;
import java.util.List;

/**
 * Loss (top) and accuracy (bottom) along the path for every ticked run of the open models, labelled by run
 * ("wm · seed 1"), with the λ marker.
 */
final class InterpolationView extends VBox implements ExportableView {

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
        getChildren().addAll(charts.lossChart(), charts.accuracyChart());
        VBox.setVgrow(charts.lossChart(), Priority.ALWAYS);
        VBox.setVgrow(charts.accuracyChart(), Priority.ALWAYS);
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

    private void refresh() {
        charts.setRuns(curves());
    }

    InterpolationCharts charts() {
        return charts;
    }

    @Override
    public List<ExportItem> exportItems() {
        List<Interpolation.Result> curves = curves();
        if (curves.isEmpty()) {
            return List.of();
        }
        double lambda = vm.preview().lambdaProperty().get();
        return List.of(new ExportItem("interpolation_loss", () -> {
            InterpolationCharts c = new InterpolationCharts();
            c.setRuns(curves);
            c.setLambda(lambda);
            return c.lossChart();
        }, InterpolationCharts.csv(curves)), new ExportItem("interpolation_accuracy", () -> {
            InterpolationCharts c = new InterpolationCharts();
            c.setRuns(curves);
            c.setLambda(lambda);
            return c.accuracyChart();
        }, null));
    }
}
