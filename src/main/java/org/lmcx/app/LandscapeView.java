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

/**
 * The loss landscape on a plane, computed on request and filled in coarse-to-fine: git-re-basin's plane
 * through A, B, π(B), or the plane through A, π(B), π(C) when model C was run (plane chooser).
 */
final class LandscapeView extends VBox {

    private final LandscapeChart chart = new LandscapeChart();
    private final MainViewModel vm;

    LandscapeView(MainViewModel vm) {
        this.vm = vm;
        setId("landscape-view");
        ComboBox<MainViewModel.LandscapePlane> plane = new ComboBox<>();
        plane.setId("landscape-plane");
        plane.getItems().setAll(MainViewModel.LandscapePlane.values());
        plane.valueProperty().bindBidirectional(vm.landscapePlaneProperty());
        Spinner<Integer> grid = new Spinner<>(5, 61, vm.landscapeGridProperty().get(), 2);
        grid.setEditable(true);
        grid.setPrefWidth(80);
        grid.valueProperty().addListener((o, x, y) -> vm.landscapeGridProperty().set(y));
        Button compute = new Button("Compute landscape");
        compute.setId("compute-landscape");
        compute.disableProperty().bind(vm.landscapeRunningProperty());
        compute.setOnAction(e -> vm.computeLandscape());
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
        vm.landscapeProperty().addListener((o, x, y) -> refresh());
        vm.threeLandscapeProperty().addListener((o, x, y) -> refresh());
        vm.landscapePlaneProperty().addListener((o, x, y) -> {
            refresh();
            hint.setText(hint(y));
        });
        hint.setText(hint(vm.landscapePlaneProperty().get()));
        refresh();
    }

    private static String hint(MainViewModel.LandscapePlane p) {
        return p == MainViewModel.LandscapePlane.THREE_MODELS
                ? "A at (0,0), π(B) at (1,0), π(C) at (0,1), matched with the path chosen under the slider; affine axes"
                : "A at (0,0), B at (1,0), π(B) of the path chosen under the slider; units of ‖θb − θa‖";
    }

    private void refresh() {
        chart.setGrid(vm.landscapePlaneProperty().get() == MainViewModel.LandscapePlane.THREE_MODELS
                ? vm.threeLandscapeProperty().get() : vm.landscapeProperty().get());
    }

    LandscapeChart chart() {
        return chart;
    }
}
