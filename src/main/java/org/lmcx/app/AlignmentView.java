package org.lmcx.app;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lmcx.render.AlignmentCharts;
import org.lmcx.render.AlignmentMaps;

import java.util.LinkedHashSet;
import java.util.Set;

/** |UaᵀUb| or |VaᵀVb| of the top-k singular vectors, before vs after the chosen method, per layer. */
final class AlignmentView extends VBox {

    private final AlignmentCharts charts = new AlignmentCharts();
    private final MainViewModel vm;
    private final ObservableList<String> layers = FXCollections.observableArrayList();
    private final ObservableList<String> methods = FXCollections.observableArrayList();
    private final ComboBox<String> layer = new ComboBox<>(layers);
    private final ComboBox<String> method = new ComboBox<>(methods);
    private final ToggleGroup side = new ToggleGroup();

    AlignmentView(MainViewModel vm) {
        this.vm = vm;
        setId("alignment-view");
        layer.setId("alignment-layer");
        method.setId("alignment-method");
        RadioButton left = new RadioButton("left |UaᵀUb| (outputs)");
        RadioButton right = new RadioButton("right |VaᵀVb| (inputs)");
        left.setUserData("left");
        right.setUserData("right");
        left.setToggleGroup(side);
        right.setToggleGroup(side);
        left.setSelected(true);
        HBox bar = new HBox(8, new Label("layer"), layer, new Label("method"), method, left, right);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        HBox pair = new HBox(4, charts.beforeChart(), charts.afterChart());
        HBox.setHgrow(charts.beforeChart(), Priority.ALWAYS);
        HBox.setHgrow(charts.afterChart(), Priority.ALWAYS);
        charts.beforeChart().setMaxWidth(Double.MAX_VALUE);
        charts.afterChart().setMaxWidth(Double.MAX_VALUE);
        getChildren().addAll(bar, pair);
        VBox.setVgrow(pair, Priority.ALWAYS);
        vm.alignment().addListener((ListChangeListener<AlignmentMaps>) c -> refreshChoices());
        layer.valueProperty().addListener((o, x, y) -> show());
        method.valueProperty().addListener((o, x, y) -> show());
        side.selectedToggleProperty().addListener((o, x, y) -> show());
        refreshChoices();
    }

    private void refreshChoices() {
        Set<String> ls = new LinkedHashSet<>();
        Set<String> ms = new LinkedHashSet<>();
        for (AlignmentMaps m : vm.alignment()) {
            ls.add(m.layer());
            ms.add(m.method());
        }
        String l = layer.getValue();
        String m = method.getValue();
        layers.setAll(ls);
        methods.setAll(ms);
        layer.setValue(l != null && ls.contains(l) ? l : layers.isEmpty() ? null : layers.get(0));
        String preferred = ms.contains("wm") ? "wm" : methods.isEmpty() ? null : methods.get(methods.size() - 1);
        // The identity baseline is the default only until a real matching exists.
        boolean keep = m != null && ms.contains(m) && !("identity".equals(m) && ms.size() > 1);
        method.setValue(keep ? m : preferred);
        show();
    }

    private void show() {
        String s = side.getSelectedToggle() == null ? "left" : (String) side.getSelectedToggle().getUserData();
        for (AlignmentMaps m : vm.alignment()) {
            if (m.layer().equals(layer.getValue()) && m.method().equals(method.getValue()) && m.side().equals(s)) {
                charts.setMaps(m);
                return;
            }
        }
        charts.setMaps(null);
    }

    AlignmentMaps current() {
        String s = side.getSelectedToggle() == null ? "left" : (String) side.getSelectedToggle().getUserData();
        for (AlignmentMaps m : vm.alignment()) {
            if (m.layer().equals(layer.getValue()) && m.method().equals(method.getValue()) && m.side().equals(s)) {
                return m;
            }
        }
        return null;
    }
}
