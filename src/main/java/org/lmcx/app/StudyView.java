package org.lmcx.app;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.lmcx.study.SummaryRow;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * A study folder at a glance: the summary table with filters, the study's figures (chosen from a list) and its
 * finished cells; a double click (or Enter) on a cell opens its models in the slots. Refresh re-reads the
 * folder; Watch does so every few seconds, for a study that is still running. Only wiring.
 */
final class StudyView extends VBox {

    /** How often Watch re-reads a running study: cells take seconds to minutes, so a few seconds is fresh. */
    private static final Duration WATCH_PERIOD = Duration.seconds(5);

    private final StudyViewModel vm;
    private final TableView<SummaryRow> table = new TableView<>();
    private final ListView<StudyViewModel.CellRow> cells = new ListView<>();
    private final ListView<Path> figureList = new ListView<>();
    private final ImageView figure = new ImageView();

    StudyView(StudyViewModel vm, Runnable chooseStudy) {
        this.vm = vm;
        setId("study-view");
        Label title = new Label();
        title.textProperty().bind(vm.titleProperty());
        title.setWrapText(true);
        Button open = new Button("Open study…");
        open.setOnAction(e -> chooseStudy.run());
        Button refresh = new Button("Refresh");
        refresh.setId("study-refresh");
        refresh.setOnAction(e -> vm.refresh());
        CheckBox watch = new CheckBox("Watch (every " + (int) WATCH_PERIOD.toSeconds() + " s)");
        watch.setId("study-watch");
        Timeline poll = new Timeline(new KeyFrame(WATCH_PERIOD, e -> vm.refresh()));
        poll.setCycleCount(Timeline.INDEFINITE);
        watch.selectedProperty().addListener((o, x, on) -> {
            if (on) {
                poll.play();
            } else {
                poll.stop();
            }
        });
        HBox top = new HBox(8, open, refresh, watch, title);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(4));

        HBox filters = new HBox(8, new Label("Filter:"), filter("architecture", vm.architectureFilter()),
                filter("width", vm.widthFilter()), filter("method", vm.methodFilter()),
                filter("metric", vm.metricFilter()));
        filters.setAlignment(Pos.CENTER_LEFT);
        filters.setPadding(new Insets(0, 4, 4, 4));

        buildTable();
        VBox summary = new VBox(filters, table);
        VBox.setVgrow(table, Priority.ALWAYS);

        SplitPane bottom = new SplitPane(cellsPane(), figuresPane());
        bottom.setDividerPositions(0.3);
        SplitPane split = new SplitPane(summary, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        getChildren().addAll(top, split);
        VBox.setVgrow(split, Priority.ALWAYS);
    }

    private static HBox filter(String name, StudyViewModel.Filter f) {
        ComboBox<String> box = new ComboBox<>();
        box.setId("study-filter-" + name);
        box.setPromptText("all");
        // "all" is the first entry as null, so a filter can be cleared from the list itself.
        f.values().addListener((javafx.collections.ListChangeListener<String>) c -> {
            box.getItems().setAll(f.values());
            box.getItems().add(0, null);
        });
        box.setButtonCell(allCell());
        box.setCellFactory(l -> allCell());
        box.valueProperty().bindBidirectional(f.chosenProperty());
        Label l = new Label(name);
        HBox h = new HBox(4, l, box);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private static ListCell<String> allCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v == null ? "all" : v);
            }
        };
    }

    private void buildTable() {
        table.setId("study-summary-table");
        table.setPlaceholder(new Label("Open a study folder (one with plan.yaml and results/) to see its summary."));
        table.getColumns().add(column("kind", 70, SummaryRow::kind));
        table.getColumns().add(column("architecture", 90, SummaryRow::architecture));
        table.getColumns().add(column("width", 60, SummaryRow::width));
        table.getColumns().add(column("method", 110, SummaryRow::method));
        table.getColumns().add(column("metric", 230, SummaryRow::metric));
        table.getColumns().add(column("n", 40, SummaryRow::n));
        table.getColumns().add(column("mean", 90, SummaryRow::mean));
        table.getColumns().add(column("std", 90, SummaryRow::std));
        table.getColumns().add(column("95 % CI", 170, r -> Double.isFinite(r.ciLow())
                ? String.format(Locale.ROOT, "[%.4g, %.4g]", r.ciLow(), r.ciHigh()) : null));
        table.getColumns().add(column("test", 90, SummaryRow::test));
        table.getColumns().add(column("p", 80, SummaryRow::pValue));
        // Sorting the filtered list needs a SortedList bound to the table's comparator.
        var sorted = new javafx.collections.transformation.SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
    }

    private static TableColumn<SummaryRow, Object> column(String title, double width,
                                                          Function<SummaryRow, Object> value) {
        TableColumn<SummaryRow, Object> c = new TableColumn<>(title);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.apply(r.getValue())));
        c.setPrefWidth(width);
        c.setComparator((x, y) -> x instanceof Double a && y instanceof Double b ? Double.compare(a, b)
                : x instanceof Integer a && y instanceof Integer b ? Integer.compare(a, b)
                : String.valueOf(x).compareTo(String.valueOf(y)));
        c.setCellFactory(x -> new TableCell<>() {
            @Override
            protected void updateItem(Object v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : v instanceof Double d
                        ? (Double.isFinite(d) ? String.format(Locale.ROOT, "%.4g", d) : "") : String.valueOf(v));
            }
        });
        return c;
    }

    private VBox cellsPane() {
        cells.setId("study-cells");
        cells.setItems(vm.cells());
        cells.setPlaceholder(new Label("No finished cells yet."));
        cells.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(StudyViewModel.CellRow r, boolean empty) {
                super.updateItem(r, empty);
                double b = empty || r == null ? Double.NaN : r.testLossBarrier();
                setText(empty || r == null ? null : r.cell().label()
                        + (Double.isFinite(b) ? String.format(Locale.ROOT, "   barrier %.3f", b) : ""));
            }
        });
        cells.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                openSelectedCell();
            }
        });
        cells.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                openSelectedCell();
            }
        });
        Button open = new Button("Open models");
        open.setId("study-open-cell");
        open.disableProperty().bind(cells.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(e -> openSelectedCell());
        open.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        Label hint = new Label("or double-click a cell: its models go into A, B (C)");
        hint.getStyleClass().add("hint");
        HBox bar = new HBox(6, open, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        VBox box = new VBox(bar, cells);
        VBox.setVgrow(cells, Priority.ALWAYS);
        return box;
    }

    private void openSelectedCell() {
        StudyViewModel.CellRow r = cells.getSelectionModel().getSelectedItem();
        if (r != null) {
            vm.openCell(r);
        }
    }

    private SplitPane figuresPane() {
        figureList.setId("study-figures");
        figureList.setItems(vm.figures());
        figureList.setPlaceholder(new Label("No figures (results/figures/*.png) yet."));
        figureList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Path p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.getFileName().toString());
            }
        });
        figureList.getSelectionModel().selectedItemProperty().addListener((o, x, p) ->
                // Background loading: the PNG is decoded off the FX thread.
                figure.setImage(p == null ? null : new Image(p.toUri().toString(), true)));
        vm.figures().addListener((javafx.collections.ListChangeListener<Path>) c -> {
            if (figureList.getSelectionModel().isEmpty() && !vm.figures().isEmpty()) {
                figureList.getSelectionModel().selectFirst();
            }
        });
        figure.setPreserveRatio(true);
        figure.setSmooth(true);
        StackPane holder = new StackPane(figure);
        holder.setMinSize(0, 0);
        figure.fitWidthProperty().bind(holder.widthProperty().subtract(8));
        figure.fitHeightProperty().bind(holder.heightProperty().subtract(8));
        SplitPane p = new SplitPane(figureList, holder);
        p.setDividerPositions(0.3);
        return p;
    }
}
