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
import org.lmcx.session.AlignmentMaps;
import org.lmcx.render.figure.FigureOptions;
import org.lmcx.render.figure.FigureSpec;
import org.lmcx.render.figure.PaperFigures;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * |UaᵀUb| or |VaᵀVb| of the top-k singular vectors, before vs after one ticked run of the open models, per
 * layer.
 */
final class AlignmentView extends VBox implements ExportableView {

    private final AlignmentCharts charts = new AlignmentCharts();
    private final MainViewModel vm;
    private final ObservableList<String> layers = FXCollections.observableArrayList();
    private final ObservableList<RunRow> runs = FXCollections.observableArrayList();
    private final ComboBox<String> layer = new ComboBox<>(layers);
    private final ComboBox<RunRow> run = new ComboBox<>(runs);
    private final ToggleGroup side = new ToggleGroup();
    private final javafx.scene.control.CheckBox fit = new javafx.scene.control.CheckBox("fit range");

    AlignmentView(MainViewModel vm) {
        this.vm = vm;
        setId("alignment-view");
        layer.setId("alignment-layer");
        run.setId("alignment-method");
        RadioButton left = new RadioButton("left |UaᵀUb| (outputs)");
        RadioButton right = new RadioButton("right |VaᵀVb| (inputs)");
        left.setUserData("left");
        right.setUserData("right");
        left.setToggleGroup(side);
        right.setToggleGroup(side);
        left.setSelected(true);
        fit.setId("alignment-fit");
        fit.setTooltip(new javafx.scene.control.Tooltip("Before and after share one colour range fitted to both"
                + " maps (default off: both span [0, 1]); either way they compare by colour"));
        fit.selectedProperty().addListener((o, x, y) -> charts.setFitData(y));
        layer.setTooltip(new javafx.scene.control.Tooltip("The weight layer whose singular vectors are compared"));
        run.setTooltip(new javafx.scene.control.Tooltip("The run whose π(B) gives the 'after' map"));
        left.setTooltip(new javafx.scene.control.Tooltip("Left singular vectors U (output space) (default)"));
        right.setTooltip(new javafx.scene.control.Tooltip("Right singular vectors V (input space)"));
        HBox bar = new HBox(8, new Label("layer"), layer, new Label("run"), run, left, right, fit);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        HBox pair = new HBox(4, charts.beforeChart(), charts.afterChart());
        HBox.setHgrow(charts.beforeChart(), Priority.ALWAYS);
        HBox.setHgrow(charts.afterChart(), Priority.ALWAYS);
        charts.beforeChart().setMaxWidth(Double.MAX_VALUE);
        charts.afterChart().setMaxWidth(Double.MAX_VALUE);
        getChildren().addAll(bar, pair);
        VBox.setVgrow(pair, Priority.ALWAYS);
        vm.runs().shownPairs().addListener((ListChangeListener<RunRow>) c -> refreshChoices());
        layer.valueProperty().addListener((o, x, y) -> show());
        run.valueProperty().addListener((o, x, y) -> show());
        side.selectedToggleProperty().addListener((o, x, y) -> show());
        refreshChoices();
    }

    private void refreshChoices() {
        List<RunRow> rs = vm.runs().shownPairs().stream().filter(r -> !r.run().alignmentMaps().isEmpty()).toList();
        Set<String> ls = new LinkedHashSet<>();
        rs.forEach(r -> r.run().alignmentMaps().forEach(m -> ls.add(m.layer())));
        String l = layer.getValue();
        RunRow m = run.getValue();
        layers.setAll(ls);
        runs.setAll(rs);
        layer.setValue(l != null && ls.contains(l) ? l : layers.isEmpty() ? null : layers.get(0));
        RunRow preferred = null;
        for (RunRow r : rs) {
            if (preferred == null || "identity".equals(preferred.run().key().method())) {
                preferred = r;
            }
        }
        // The identity baseline is the default only until a real matching exists.
        boolean keep = m != null && rs.contains(m) && !("identity".equals(m.run().key().method()) && rs.size() > 1);
        run.setValue(keep ? m : preferred);
        show();
    }

    private void show() {
        charts.setMaps(current());
    }

    AlignmentMaps current() {
        String s = side.getSelectedToggle() == null ? "left" : (String) side.getSelectedToggle().getUserData();
        RunRow r = run.getValue();
        if (r == null) {
            return null;
        }
        for (AlignmentMaps m : r.run().alignmentMaps()) {
            if (m.layer().equals(layer.getValue()) && m.side().equals(s)) {
                return m;
            }
        }
        return null;
    }

    @Override
    public List<FigureSpec> figures(FigureOptions o) {
        AlignmentMaps m = current();
        RunRow r = run.getValue();
        if (m == null || r == null) {
            return List.of();
        }
        FigureSpec f = PaperFigures.alignment(m, o.withAlignmentFitData(fit.isSelected()));
        return List.of(new FigureSpec("alignment_" + FigureSpec.safe(m.layer()) + "_" + m.side() + "_"
                + FigureSpec.safe(r.label()), f.figure(), f.table(), f.meta()));
    }

    boolean fitRange() {
        return fit.isSelected();
    }
}
