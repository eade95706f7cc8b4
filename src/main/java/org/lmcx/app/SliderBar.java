package org.lmcx.app;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/** The λ slider with its path chooser (runs of the open models only) and live readout; and the status bar. */
final class SliderBar extends VBox {

    SliderBar(PreviewViewModel vm) {
        Slider slider = new Slider(0, 1, vm.lambdaProperty().get());
        slider.setId("lambda-slider");
        slider.setShowTickMarks(true);
        slider.setShowTickLabels(true);
        slider.setMajorTickUnit(0.25);
        slider.setMinorTickCount(4);
        slider.setPrefWidth(360);
        slider.valueProperty().bindBidirectional(vm.lambdaProperty());
        Label value = new Label();
        value.textProperty().bind(Bindings.format(Locale.ROOT, "λ = %.3f", vm.lambdaProperty()));
        value.setMinWidth(80);
        ComboBox<RunRow> path = new ComboBox<>(vm.choices());
        path.setId("preview-method");
        path.setPromptText("no run");
        path.valueProperty().bindBidirectional(vm.pathProperty());
        path.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(RunRow r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.label());
                setTooltip(empty || r == null ? null : new Tooltip(r.run().key().describe()));
            }
        });
        Label readout = new Label();
        readout.setId("readout");
        readout.textProperty().bind(vm.readoutProperty());
        readout.getStyleClass().add("readout");
        Label left = new Label("A");
        Label right = new Label("π(B)");
        Label pathLabel = new Label("path");
        for (Label l : List.of(left, right, pathLabel, value)) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.setMaxWidth(520);
        HBox row = new HBox(10, left, slider, right, value, pathLabel, path);
        row.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(row, readout);
        setSpacing(2);
        setPadding(new Insets(4, 8, 4, 8));
        getStyleClass().add("slider-bar");
    }

    static HBox statusBar(MainViewModel vm) {
        Label backend = new Label();
        backend.setId("status-backend");
        backend.textProperty().bind(vm.backendProperty());
        Label memory = new Label();
        memory.setId("status-memory");
        memory.textProperty().bind(vm.memoryProperty());
        Label latency = new Label();
        PreviewViewModel p = vm.preview();
        latency.textProperty().bind(Bindings.createStringBinding(() -> {
            double ms = p.latencyMsProperty().get();
            double[] st = p.preview().latencyStats();
            if (Double.isNaN(ms)) {
                return "";
            }
            String head = String.format(Locale.ROOT, "slider readout %.0f ms (compute %.1f ms", ms,
                    p.computeMsProperty().get());
            // No statistics before the first readout after the warm-up: show none rather than NaN.
            return st[0] < 1 || Double.isNaN(st[3]) ? head + ")" : head + String.format(Locale.ROOT,
                    "; median %.0f, mean %.0f, max %.0f over %d)", st[3], st[1], st[2], (long) st[0]);
        }, p.latencyMsProperty()));
        HBox bar = new HBox(16, backend, new Separator(Orientation.VERTICAL), memory,
                new Separator(Orientation.VERTICAL), latency);
        bar.setPadding(new Insets(3, 8, 3, 8));
        bar.getStyleClass().add("status-bar");
        return bar;
    }
}
