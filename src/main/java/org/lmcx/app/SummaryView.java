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
    private final MainViewModel vm;

    SummaryView(MainViewModel vm) {
        this.vm = vm;
        setId("summary-view");
        table.setId("summary-table");
        for (int i = 0; i < SummaryTable.HEADER.size(); i++) {
            int col = i;
            TableColumn<List<String>, String> c = new TableColumn<>(SummaryTable.HEADER.get(i));
            c.setCellValueFactory(r -> new ReadOnlyStringWrapper(col < r.getValue().size() ? r.getValue().get(col) : ""));
            c.setPrefWidth(i == 0 ? 90 : 120);
            table.getColumns().add(c);
        }
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No runs yet."));
        KeyCombination copyKey = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
        table.setOnKeyPressed(e -> {
            if (copyKey.match(e)) {
                copy();
            }
        });
        Button copy = new Button("Copy table");
        copy.setId("copy-summary");
        copy.setOnAction(e -> copy());
        Label hint = new Label("barriers: max over λ of curve minus the line between the endpoints;"
                + " alignment: mean diagonal of |UaᵀUb| and |VaᵀVb| (top-k) after matching, over layers");
        hint.getStyleClass().add("hint");
        HBox bar = new HBox(8, copy, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        getChildren().addAll(bar, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        vm.runs().addListener((ListChangeListener<SessionData.RunData>) c -> refresh());
        vm.alignment().addListener((ListChangeListener<AlignmentMaps>) c -> refresh());
        refresh();
    }

    private void refresh() {
        table.setItems(FXCollections.observableArrayList(SummaryTable.rows(vm.toSession())));
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
