package org.lmcx.app;

import javafx.collections.ListChangeListener;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lmcx.render.ExportItem;
import org.lmcx.render.InterpolationCharts;
import org.lmcx.render.SessionData;

import java.util.List;

/** Loss (top) and accuracy (bottom) along the path for every method run, with the λ marker. */
final class InterpolationView extends VBox {

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
        vm.runs().addListener((ListChangeListener<SessionData.RunData>) c -> refresh());
        // Redrawing both charts for every mouse event of a drag would crowd the readout out of the FX thread
        // (software rendering needs tens of ms per chart); markers follow at most every 50 ms instead.
        throttle.setOnFinished(e -> {
            if (!Double.isNaN(pendingLambda)) {
                charts.setLambda(pendingLambda);
                pendingLambda = Double.NaN;
                throttle.playFromStart();
            }
        });
        vm.lambdaProperty().addListener((o, x, y) -> {
            if (throttle.getStatus() == javafx.animation.Animation.Status.RUNNING) {
                pendingLambda = y.doubleValue();
            } else {
                charts.setLambda(y.doubleValue());
                throttle.playFromStart();
            }
        });
        charts.setLambda(vm.lambdaProperty().get());
        refresh();
    }

    private void refresh() {
        charts.setRuns(vm.runs().stream().map(SessionData.RunData::curve).filter(java.util.Objects::nonNull).toList());
    }

    InterpolationCharts charts() {
        return charts;
    }

    List<ExportItem> exportItems() {
        return ExportItem.all(vm.toSession()).stream().filter(i -> i.stem().startsWith("interpolation")).toList();
    }
}
