package org.lmcx.app;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lmcx.render.LandscapeChart;

/** The loss landscape on the plane through A, B, π(B), computed on request and filled in coarse-to-fine. */
final class LandscapeView extends VBox {

    private final LandscapeChart chart = new LandscapeChart();

    LandscapeView(MainViewModel vm) {
        setId("landscape-view");
        Spinner<Integer> grid = new Spinner<>(5, 61, vm.landscapeGridProperty().get(), 2);
        grid.setEditable(true);
        grid.setPrefWidth(80);
        grid.valueProperty().addListener((o, x, y) -> vm.landscapeGridProperty().set(y));
        Button compute = new Button("Compute landscape");
        compute.setId("compute-landscape");
        compute.disableProperty().bind(vm.landscapeRunningProperty());
        compute.setOnAction(e -> vm.computeLandscape());
        Label hint = new Label("plane: A at (0,0), B at (1,0), π(B) of the path chosen under the slider;"
                + " x and y in units of ‖θb − θa‖");
        hint.getStyleClass().add("hint");
        HBox bar = new HBox(8, new Label("grid points per axis"), grid, compute, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        getChildren().addAll(bar, chart.chart());
        VBox.setVgrow(chart.chart(), Priority.ALWAYS);
        vm.landscapeProperty().addListener((o, x, y) -> chart.setGrid(y));
        chart.setGrid(vm.landscapeProperty().get());
    }
}
