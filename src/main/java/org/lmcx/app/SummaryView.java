package org.lmcx.app;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.lmcx.session.Run;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One row per ticked run of the open models, numeric columns (sortable; a barrier and its λ apart), and the
 * three-model table; Copy (or Ctrl+C) puts both on the clipboard as tab-separated text with headers.
 */
final class SummaryView extends VBox {

    private final TableView<Run> table = new TableView<>();
    private final TableView<SummaryRows.ThreeRow> three = new TableView<>();
    private final VBox threeBox;
    private final MainViewModel vm;

    SummaryView(MainViewModel vm) {
        this.vm = vm;
        setId("summary-view");
        table.setId("summary-table");
        columns(table, SummaryRows.PAIR, r -> r.key().describe());
        table.setPlaceholder(new Label("No runs of the open models yet."));
        three.setId("three-models-table");
        columns(three, SummaryRows.THREE, r -> r.run().key().describe());
        three.setPlaceholder(new Label("Open model C and run to match B and C to A."));
        three.setPrefHeight(200);
        Label threeTitle = new Label("Three models: B and C both matched to A; π(b)–π(c) were never matched to each"
                + " other, so only a–π(b) and a–π(c) count as matched (Ito et al., Tables 4/5)");
        threeTitle.getStyleClass().add("hint");
        threeBox = new VBox(4, threeTitle, three);
        threeBox.setPadding(new Insets(4, 0, 0, 0));
        threeBox.managedProperty().bind(threeBox.visibleProperty());
        KeyCombination copyKey = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
        for (TableView<?> t : List.of(table, three)) {
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
        vm.runs().shownPairs().addListener((ListChangeListener<RunRow>) c -> refresh());
        vm.runs().shownThree().addListener((ListChangeListener<RunRow>) c -> refresh());
        vm.models().openProperty().addListener((o, x, y) -> refresh());
        refresh();
    }

    private static <R> void columns(TableView<R> t, List<SummaryRows.Column<R>> cols, Function<R, String> tooltip) {
        for (int i = 0; i < cols.size(); i++) {
            SummaryRows.Column<R> col = cols.get(i);
            TableColumn<R, Object> c = new TableColumn<>(col.header());
            c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(col.value().apply(r.getValue())));
            c.setComparator(SummaryView::compare);
            c.setCellFactory(x -> new TableCell<>() {
                @Override
                protected void updateItem(Object v, boolean empty) {
                    super.updateItem(v, empty);
                    setText(empty || v == null ? null : v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d)
                            : v instanceof Boolean b ? (b ? "yes" : "no") : String.valueOf(v));
                }
            });
            c.setPrefWidth(i == 0 ? 150 : 105);
            t.getColumns().add(c);
        }
        t.setRowFactory(x -> new TableRow<>() {
            @Override
            protected void updateItem(R r, boolean empty) {
                super.updateItem(r, empty);
                setTooltip(empty || r == null ? null : new Tooltip(tooltip.apply(r)));
            }
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return a instanceof Comparable ca && a.getClass() == b.getClass() ? ca.compareTo(b)
                : String.valueOf(a).compareTo(String.valueOf(b));
    }

    private List<Run> pairRuns() {
        return vm.runs().shownPairs().stream().map(RunRow::run).toList();
    }

    private List<SummaryRows.ThreeRow> threeRows() {
        return SummaryRows.threeRows(vm.runs().shownThree().stream().map(RunRow::run).toList());
    }

    private void refresh() {
        table.setItems(FXCollections.observableArrayList(pairRuns()));
        List<SummaryRows.ThreeRow> rows = threeRows();
        three.setItems(FXCollections.observableArrayList(rows));
        OpenModels o = vm.models().open();
        threeBox.setVisible(!rows.isEmpty() || (o != null && o.c() != null));
    }

    TableView<SummaryRows.ThreeRow> threeTable() {
        return three;
    }

    TableView<Run> table() {
        return table;
    }

    /** Both tables as TSV with headers (the three-model table after an empty line, when there is one). */
    String text() {
        String s = SummaryRows.tsv(SummaryRows.PAIR, pairRuns());
        List<SummaryRows.ThreeRow> t = threeRows();
        return t.isEmpty() ? s : s + "\n" + SummaryRows.tsv(SummaryRows.THREE, t);
    }

    /** File name → CSV content of what the tab shows. */
    java.util.Map<String, String> csvFiles() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("summary.csv", SummaryRows.csv(SummaryRows.PAIR, pairRuns()));
        List<SummaryRows.ThreeRow> t = threeRows();
        if (!t.isEmpty()) {
            out.put("summary_three_models.csv", SummaryRows.csv(SummaryRows.THREE, t));
        }
        return out;
    }

    private void copy() {
        ClipboardContent c = new ClipboardContent();
        c.putString(text());
        Clipboard.getSystemClipboard().setContent(c);
    }
}
