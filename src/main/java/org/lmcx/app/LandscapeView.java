package org.lmcx.app;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lmcx.render.LandscapeChart;
import org.lmcx.session.LandscapeGrid;
import org.lmcx.render.figure.FigureOptions;
import org.lmcx.render.figure.FigureSpec;
import org.lmcx.render.figure.LandscapeFigures;

import java.util.List;

/**
 * The loss landscape on a plane, computed on request and filled in coarse-to-fine: git-re-basin's plane
 * through A, B, π(B), or the plane through A, π(B), π(C) when model C was run (plane chooser).
 */
final class LandscapeView extends VBox implements ExportableView {

    private final LandscapeChart chart = new LandscapeChart();
    private final LandscapeViewModel vm;
    private final ComboBox<String> surface = new ComboBox<>();
    private final javafx.scene.control.TextField capField = new javafx.scene.control.TextField("auto");
    private final javafx.scene.control.CheckBox logColour = new javafx.scene.control.CheckBox("log colours");
    private double cap = Double.NaN;

    LandscapeView(LandscapeViewModel vm) {
        this.vm = vm;
        setId("landscape-view");
        ComboBox<LandscapeViewModel.Plane> plane = new ComboBox<>();
        plane.setId("landscape-plane");
        plane.getItems().setAll(LandscapeViewModel.Plane.values());
        plane.valueProperty().bindBidirectional(vm.planeProperty());
        Spinner<Integer> grid = new Spinner<>(5, 61, vm.gridSizeProperty().get(), 2);
        grid.setEditable(true);
        grid.setPrefWidth(80);
        grid.valueProperty().addListener((o, x, y) -> vm.gridSizeProperty().set(y));
        Button compute = new Button("Compute landscape");
        compute.setId("compute-landscape");
        compute.disableProperty().bind(vm.runningProperty());
        compute.setOnAction(e -> vm.compute());
        Label hint = new Label();
        hint.getStyleClass().add("hint");
        Label planeLabel = new Label("plane");
        Label gridLabel = new Label("grid");
        for (Label l : new Label[]{planeLabel, gridLabel}) {
            l.setMinWidth(Label.USE_PREF_SIZE);
        }
        compute.setMinWidth(Button.USE_PREF_SIZE);
        plane.setMinWidth(Label.USE_PREF_SIZE);
        gridLabel.setTooltip(new javafx.scene.control.Tooltip("grid points per axis"));
        surface.getItems().setAll("loss", "accuracy");
        surface.setValue("loss");
        surface.setId("landscape-surface");
        surface.setTooltip(new javafx.scene.control.Tooltip("Show the test loss or the test accuracy on the plane"
                + " (both are computed together; exports hold both) (default loss)"));
        surface.valueProperty().addListener((o, x, y) -> refresh());
        capField.setId("landscape-cap");
        capField.setPrefColumnCount(4);
        capField.setTooltip(new javafx.scene.control.Tooltip("Top of the loss colour scale: auto (the 90th"
                + " percentile when the maximum is far above it), max, or a number. A capped scale says so in the"
                + " title and, in exports, on the colour bar (default auto)"));
        capField.setOnAction(e -> applyCap());
        capField.focusedProperty().addListener((o, x, y) -> {
            if (!y) {
                applyCap();
            }
        });
        logColour.setId("landscape-log-colour");
        logColour.setTooltip(new javafx.scene.control.Tooltip("Log colour scale for the loss in exported figures"
                + " (default off)"));
        plane.setTooltip(new javafx.scene.control.Tooltip("git-re-basin's plane through A, B, π(B), or the plane"
                + " through A, π(B), π(C) when model C was run"));
        grid.setTooltip(new javafx.scene.control.Tooltip("Grid points per axis; the plane fills in coarse to fine"
                + " (default " + vm.gridSizeProperty().get() + ")"));
        compute.setTooltip(new javafx.scene.control.Tooltip("Evaluate test loss and accuracy on the chosen plane"
                + " for the run chosen under the slider (a job; cancel it in Jobs)"));
        Label capLabel = new Label("cap");
        capLabel.setMinWidth(Label.USE_PREF_SIZE);
        HBox bar = new HBox(8, planeLabel, plane, surface, gridLabel, grid, compute, capLabel, capField, logColour);
        bar.setAlignment(Pos.CENTER_LEFT);
        hint.setWrapText(true);
        VBox top = new VBox(2, bar, hint);
        top.setPadding(new Insets(4));
        getChildren().addAll(top, chart.chart());
        VBox.setVgrow(chart.chart(), Priority.ALWAYS);
        vm.gridProperty().addListener((o, x, y) -> refresh());
        vm.planeProperty().addListener((o, x, y) -> hint.setText(hint(y)));
        hint.setText(hint(vm.planeProperty().get()));
        refresh();
    }

    private static String hint(LandscapeViewModel.Plane p) {
        return p == LandscapeViewModel.Plane.THREE_MODELS
                ? "A at (0,0), π(B) at (1,0), π(C) at (0,1), matched with the run chosen under the slider; affine axes"
                : "A at (0,0), B at (1,0), π(B) of the run chosen under the slider; units of ‖θb − θa‖";
    }

    LandscapeChart chart() {
        return chart;
    }

    @Override
    public List<FigureSpec> figures(FigureOptions o) {
        LandscapeGrid g = vm.gridProperty().get();
        if (g == null) {
            return List.of();
        }
        String stem = vm.planeProperty().get() == LandscapeViewModel.Plane.THREE_MODELS
                ? "landscape_three_models" : "landscape";
        return List.of(LandscapeFigures.lossAndAccuracy(stem, g, options(o)));
    }

    /** The export options with this view's colour cap and log colour setting. */
    FigureOptions options(FigureOptions o) {
        return o.withLandscape(cap, logColour.isSelected());
    }

    /** θ(λ) follows this λ (the slider's). */
    void followLambda(javafx.beans.value.ObservableDoubleValue lambda) {
        lambda.addListener((o, x, y) -> chart.setLambda(y.doubleValue()));
        chart.setLambda(lambda.get());
    }

    private void applyCap() {
        String t = capField.getText() == null ? "" : capField.getText().trim();
        try {
            cap = t.isEmpty() || "auto".equalsIgnoreCase(t) ? Double.NaN
                    : "max".equalsIgnoreCase(t) ? Double.POSITIVE_INFINITY : Double.parseDouble(t);
            capField.setStyle("");
        } catch (NumberFormatException e) {
            capField.setStyle("-fx-border-color: #b00020;");
            return;
        }
        chart.setCap(cap);
    }

    private void refresh() {
        LandscapeGrid g = vm.gridProperty().get();
        if (g != null && "accuracy".equals(surface.getValue()) && g.accuracyGrid() != null) {
            g = g.accuracyGrid();
        }
        chart.setGrid(g);
    }
}
