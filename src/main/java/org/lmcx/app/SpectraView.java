package org.lmcx.app;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lmcx.render.figure.FigureOptions;
import org.lmcx.render.figure.FigureSpec;
import org.lmcx.render.figure.PaperFigures;
import org.lmcx.render.SpectraChart;
import org.lmcx.session.SpectrumSet;

import java.util.List;

/** Singular values of one layer in A, B, π(B) and the merged model at the slider's λ, for the slider's run. */
final class SpectraView extends VBox implements ExportableView {

    private final SpectraChart chart = new SpectraChart();
    private final CheckBox log = new CheckBox("log scale");
    private final PreviewViewModel preview;

    SpectraView(PreviewViewModel preview) {
        this.preview = preview;
        setId("spectra-view");
        ComboBox<String> layer = new ComboBox<>(preview.spectrumLayers());
        layer.setId("spectra-layer");
        layer.valueProperty().bindBidirectional(preview.spectrumLayerProperty());
        log.setId("spectra-log");
        log.setTooltip(new javafx.scene.control.Tooltip("Singular values on a log axis with decade labels (default off)"));
        layer.setTooltip(new javafx.scene.control.Tooltip("The weight layer whose singular values are shown"));
        log.selectedProperty().addListener((o, x, y) -> chart.setLogScale(y));
        Label run = new Label();
        run.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                preview.pathProperty().get() == null ? "no run" : "run: " + preview.pathProperty().get().label(),
                preview.pathProperty()));
        Label hint = new Label("σ(π(B)) = σ(B) exactly (a permutation is orthogonal); the merged curve follows λ");
        hint.getStyleClass().add("hint");
        HBox bar = new HBox(8, new Label("layer"), layer, log, run, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        getChildren().addAll(bar, chart.chart());
        VBox.setVgrow(chart.chart(), Priority.ALWAYS);
        preview.spectrumProperty().addListener((o, x, y) -> chart.setSpectra(y));
        chart.setSpectra(preview.spectrumProperty().get());
    }

    boolean isLog() {
        return log.isSelected();
    }

    @Override
    public List<FigureSpec> figures(FigureOptions o) {
        SpectrumSet set = preview.spectrumProperty().get();
        return set == null ? List.of() : List.of(PaperFigures.spectra(set, isLog()));
    }
}
