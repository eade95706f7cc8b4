package org.lmcx.app;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lmcx.render.AlignmentMaps;
import org.lmcx.render.SessionData;
import org.lmcx.render.SummaryTable;

import java.util.List;

/** One row per method run; Copy (or Ctrl+C) puts the table on the clipboard as tab-separated text. */
final class SummaryView extends VBox {

    private final TableView<List<String>> table = new TableView<>();
    private final TableView<List<String>> three = new TableView<>();
    private final VBox threeBox;
    private final MainViewModel vm;

    SummaryView(MainViewModel vm) {
        this.vm = vm;
        setId("summary-view");
        table.setId("summary-table");
        columns(table, SummaryTable.HEADER, 120);
        table.setPlaceholder(new Label("No runs yet."));
        three.setId("three-models-table");
        columns(three, SummaryTable.THREE_HEADER, 150);
        three.setPlaceholder(new Label("Open model C and run to match B and C to A."));
        three.setPrefHeight(200);
        Label threeTitle = new Label("Three models: B and C both matched to A; π(b)–π(c) were never matched to each"
                + " other (Ito et al., Tables 4/5)");
        threeTitle.getStyleClass().add("hint");
        threeBox = new VBox(4, threeTitle, three);
        threeBox.setPadding(new Insets(4, 0, 0, 0));
        threeBox.managedProperty().bind(threeBox.visibleProperty());
        KeyCombination copyKey = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
        for (TableView<List<String>> t : List.of(table, three)) {
            t.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
            t.setOnKeyPressed(e -> {
                if (copyKey.match(e)) {
                    copy();
                }
            });
        }
        Button copy = new Button("Copy table");
        copy.setId("copy-summary");
        copy.setOnAction(e -> copy());
        Label hint = new Label("barriers: max over λ of curve minus the line between the endpoints;"
                + " alignment: mean diagonal of |UaᵀUb| and |VaᵀVb| (top-k) after matching, over layers");
        hint.getStyleClass().add("hint");
        HBox bar = new HBox(8, copy, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        getChildren().addAll(bar, table, threeBox);
        // A few method rows and up to a dozen pair rows: share the height instead of leaving the first mostly empty.
        table.setPrefHeight(180);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox.setVgrow(three, Priority.ALWAYS);
        VBox.setVgrow(threeBox, Priority.ALWAYS);
        vm.runs().addListener((ListChangeListener<SessionData.RunData>) c -> refresh());
        vm.threeRuns().addListener((ListChangeListener<SessionData.ThreeModelRun>) c -> refresh());
        vm.slot(2).modelProperty().addListener((o, x, y) -> refresh());
        vm.alignment().addListener((ListChangeListener<AlignmentMaps>) c -> refresh());
        refresh();
    }

    private static void columns(TableView<List<String>> t, List<String> header, double width) {
        for (int i = 0; i < header.size(); i++) {
            int col = i;
            TableColumn<List<String>, String> c = new TableColumn<>(header.get(i));
            c.setCellValueFactory(r -> new ReadOnlyStringWrapper(col < r.getValue().size() ? r.getValue().get(col) : ""));
            c.setPrefWidth(i == 0 ? 90 : width);
            t.getColumns().add(c);
        }
    }

    private void refresh() {
        SessionData s = vm.toSession();
        table.setItems(FXCollections.observableArrayList(SummaryTable.rows(s)));
        List<List<String>> rows = SummaryTable.threeRows(s);
        three.setItems(FXCollections.observableArrayList(rows));
        threeBox.setVisible(!rows.isEmpty() || vm.slot(2).getModel() != null);
    }

    TableView<List<String>> threeTable() {
        return three;
    }

    String text() {
        return SummaryTable.tsv(vm.toSession());
    }

    private void copy() {
        ClipboardContent c = new ClipboardContent();
        c.putString(text());
        Clipboard.getSystemClipboard().setContent(c);
    }
}
