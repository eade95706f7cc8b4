package org.lmcx.app;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lmcx.render.SpectraChart;

/** Singular values of one layer in A, B, π(B) and the merged model at the slider's λ. */
final class SpectraView extends VBox {

    private final SpectraChart chart = new SpectraChart();
    private final CheckBox log = new CheckBox("log scale");

    SpectraView(MainViewModel vm) {
        setId("spectra-view");
        ComboBox<String> layer = new ComboBox<>(vm.spectrumLayers());
        layer.setId("spectra-layer");
        layer.valueProperty().bindBidirectional(vm.spectrumLayerProperty());
        log.setId("spectra-log");
        log.selectedProperty().addListener((o, x, y) -> chart.setLogScale(y));
        Label hint = new Label("σ(π(B)) = σ(B) exactly (a permutation is orthogonal); the merged curve follows λ");
        hint.getStyleClass().add("hint");
        HBox bar = new HBox(8, new Label("layer"), layer, log, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        getChildren().addAll(bar, chart.chart());
        VBox.setVgrow(chart.chart(), Priority.ALWAYS);
        vm.spectrumProperty().addListener((o, x, y) -> chart.setSpectra(y));
        chart.setSpectra(vm.spectrumProperty().get());
    }

    boolean isLog() {
        return log.isSelected();
    }
}
