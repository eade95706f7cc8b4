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
import org.lmcx.render.ExportItem;
import org.lmcx.render.LandscapeChart;
import org.lmcx.session.LandscapeGrid;

import java.util.List;

/**
 * The loss landscape on a plane, computed on request and filled in coarse-to-fine: git-re-basin's plane
 * through A, B, π(B), or the plane through A, π(B), π(C) when model C was run (plane chooser).
 */
final class LandscapeView extends VBox implements ExportableView {

    private final LandscapeChart chart = new LandscapeChart();
    private final LandscapeViewModel vm;

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
        HBox bar = new HBox(8, planeLabel, plane, gridLabel, grid, compute);
        bar.setAlignment(Pos.CENTER_LEFT);
        hint.setWrapText(true);
        VBox top = new VBox(2, bar, hint);
        top.setPadding(new Insets(4));
        getChildren().addAll(top, chart.chart());
        VBox.setVgrow(chart.chart(), Priority.ALWAYS);
        vm.gridProperty().addListener((o, x, y) -> chart.setGrid(y));
        vm.planeProperty().addListener((o, x, y) -> hint.setText(hint(y)));
        hint.setText(hint(vm.planeProperty().get()));
        chart.setGrid(vm.gridProperty().get());
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
    public List<ExportItem> exportItems() {
        LandscapeGrid g = vm.gridProperty().get();
        if (g == null) {
            return List.of();
        }
        String stem = vm.planeProperty().get() == LandscapeViewModel.Plane.THREE_MODELS
                ? "landscape_three_models" : "landscape";
        return List.of(new ExportItem(stem, () -> {
            LandscapeChart c = new LandscapeChart();
            c.setGrid(g);
            return c.chart();
        }, LandscapeChart.csv(g)));
    }
}
