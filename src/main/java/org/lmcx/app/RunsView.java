package org.lmcx.app;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.lmcx.session.RunKey;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Every run of the workspace: models, method, options, seed, BN reset, barrier and when it was made. Ticked
 * runs of the open models are drawn in Interpolation, Alignment and Summary (tick several WM seeds to overlay
 * them); runs of other models are greyed until their models are open again. Delete removes runs.
 */
final class RunsView extends VBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final TableView<RunRow> table = new TableView<>();

    RunsView(MainViewModel vm) {
        setId("runs-view");
        table.setId("runs-table");
        table.setItems(vm.runs().all());
        table.setEditable(true);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No runs yet: open models A and B, then Run."));
        TableColumn<RunRow, Boolean> shown = new TableColumn<>("show");
        shown.setCellValueFactory(r -> r.getValue().shownProperty());
        shown.setCellFactory(CheckBoxTableCell.forTableColumn(shown));
        shown.setEditable(true);
        shown.setPrefWidth(50);
        table.getColumns().add(shown);
        table.getColumns().add(column("run", 150, r -> r.label()));
        table.getColumns().add(column("models", 260, r -> models(r.run().key())));
        table.getColumns().add(column("method", 80, r -> r.run().key().method()));
        table.getColumns().add(column("options", 200, r -> new TreeMap<>(r.run().key().options()).toString()));
        table.getColumns().add(column("seed", 60, r -> r.run().key().seed()));
        table.getColumns().add(column("BN reset", 70, r -> r.run().key().bnReset() ? "on" : "off"));
        table.getColumns().add(column("test loss barrier", 120, r -> {
            double b = r.run().testLossBarrier();
            return Double.isFinite(b) ? b : r.run().ok() ? null : "failed";
        }));
        table.getColumns().add(column("finished", 120, r -> finished(r.run().finished())));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(RunRow r, boolean empty) {
                super.updateItem(r, empty);
                setTooltip(empty || r == null ? null : new Tooltip(r.run().key().describe()
                        + (r.run().ok() ? "" : "\nfailed: " + r.run().failure())));
                boolean other = !empty && r != null && !vm.runs().current().contains(r);
                setStyle(other ? "-fx-opacity: 0.55;" : "");
            }
        });
        vm.runs().current().addListener((javafx.collections.ListChangeListener<RunRow>) c -> table.refresh());
        Button delete = new Button("Delete selected");
        delete.setId("delete-runs");
        delete.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        delete.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
        delete.setOnAction(e -> vm.runs().delete(List.copyOf(table.getSelectionModel().getSelectedItems())));
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE && !table.getSelectionModel().getSelectedItems().isEmpty()) {
                vm.runs().delete(List.copyOf(table.getSelectionModel().getSelectedItems()));
            }
        });
        Label hint = new Label("tick runs to overlay them in the views; greyed runs belong to models that are not"
                + " open (open them again to see them); hover a row for its full settings");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        HBox bar = new HBox(8, delete, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        getChildren().addAll(bar, table);
        VBox.setVgrow(table, Priority.ALWAYS);
    }

    private static TableColumn<RunRow, Object> column(String title, double width, Function<RunRow, Object> value) {
        TableColumn<RunRow, Object> c = new TableColumn<>(title);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.apply(r.getValue())));
        c.setPrefWidth(width);
        c.setEditable(false);
        c.setCellFactory(x -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Object v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d)
                        : String.valueOf(v));
            }
        });
        return c;
    }

    private static String models(RunKey k) {
        return k.a().fileName() + " vs " + k.b().fileName() + (k.c() == null ? "" : ", " + k.c().fileName());
    }

    private static String finished(String iso) {
        try {
            return TIME.format(java.time.Instant.parse(iso));
        } catch (RuntimeException e) {
            return iso;
        }
    }

    TableView<RunRow> table() {
        return table;
    }
}
