package org.lmcx.app;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.lmcx.study.Cell;
import org.lmcx.study.CellResult;
import org.lmcx.study.Study;
import org.lmcx.study.StudyPlan;
import org.lmcx.study.Summary;
import org.lmcx.study.SummaryRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The Study tab: a study folder's summary (recomputed from its finished cells with the study code itself, so a
 * study that is still running shows what has finished so far), filters by architecture, width, method and
 * metric, its figures and its finished cells. Choosing a cell opens its models in the slots, so its runs show in
 * the pair views. Every file is read on the I/O lane.
 */
public final class StudyViewModel {

    /** A finished cell with what it measured. */
    public record CellRow(Cell cell, CellResult result) {
        /** The cell's test loss barrier (NaN when the cell did not measure one, e.g. a triple). */
        public double testLossBarrier() {
            return result.metrics().getOrDefault("test_loss_barrier", Double.NaN);
        }
    }

    /** What one read of a study folder gives: plain records, built off the FX thread. */
    record Snapshot(Study study, Summary summary, List<CellRow> cells, List<Path> figures) {
    }

    private final FxTaskAdapter tasks;
    private final ModelsViewModel models;
    private final Consumer<String> errors;

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("No study open: File → Open study…");
    private final ObservableList<SummaryRow> allRows = FXCollections.observableArrayList();
    private final FilteredList<SummaryRow> rows = new FilteredList<>(allRows);
    private final ObservableList<CellRow> cells = FXCollections.observableArrayList();
    private final ObservableList<Path> figures = FXCollections.observableArrayList();
    private final Filter architecture = new Filter(SummaryRow::architecture);
    private final Filter width = new Filter(SummaryRow::width);
    private final Filter method = new Filter(SummaryRow::method);
    private final Filter metric = new Filter(SummaryRow::metric);
    private Study study;
    private Path planFile;
    private boolean reading;

    StudyViewModel(FxTaskAdapter tasks, ModelsViewModel models, Consumer<String> errors) {
        this.tasks = tasks;
        this.models = models;
        this.errors = errors;
        for (Filter f : filters()) {
            f.chosen.addListener((o, x, y) -> applyFilters());
        }
    }

    /** One column's filter: the values the summary has and the chosen one (null: all). */
    public static final class Filter {
        private final Function<SummaryRow, String> column;
        private final ObservableList<String> values = FXCollections.observableArrayList();
        private final ObjectProperty<String> chosen = new SimpleObjectProperty<>();

        private Filter(Function<SummaryRow, String> column) {
            this.column = column;
        }

        public ObservableList<String> values() {
            return values;
        }

        public ObjectProperty<String> chosenProperty() {
            return chosen;
        }

        boolean accepts(SummaryRow r) {
            return chosen.get() == null || chosen.get().equals(column.apply(r));
        }

        void fill(List<SummaryRow> all) {
            TreeSet<String> v = new TreeSet<>(StudyViewModel::naturalOrder);
            all.forEach(r -> v.add(column.apply(r)));
            String keep = chosen.get();
            values.setAll(v);
            chosen.set(keep != null && v.contains(keep) ? keep : null);
        }
    }

    /** Widths as numbers ("32" before "128"), everything else alphabetically. */
    private static int naturalOrder(String x, String y) {
        if (x.matches("\\d+") && y.matches("\\d+")) {
            return Long.compare(Long.parseLong(x), Long.parseLong(y));
        }
        return x.compareTo(y);
    }

    public List<Filter> filters() {
        return List.of(architecture, width, method, metric);
    }

    public Filter architectureFilter() {
        return architecture;
    }

    public Filter widthFilter() {
        return width;
    }

    public Filter methodFilter() {
        return method;
    }

    public Filter metricFilter() {
        return metric;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The summary rows that pass the filters. */
    public ObservableList<SummaryRow> rows() {
        return rows;
    }

    public ObservableList<SummaryRow> allRows() {
        return allRows;
    }

    public ObservableList<CellRow> cells() {
        return cells;
    }

    public ObservableList<Path> figures() {
        return figures;
    }

    public Study study() {
        return study;
    }

    /**
     * Opens a study: a folder with {@code plan.yaml}, or the plan file itself. The plan is read and expanded
     * and the finished cells summarized on the I/O lane.
     */
    public FxJob open(Path folderOrPlan) {
        Path plan = Files.isDirectory(folderOrPlan) ? folderOrPlan.resolve("plan.yaml") : folderOrPlan;
        return read(plan, true);
    }

    /** Re-reads the open study's finished cells (a running study gains cells); nothing while a read is under way. */
    public FxJob refresh() {
        return planFile == null || reading ? null : read(planFile, false);
    }

    private FxJob read(Path plan, boolean userAsked) {
        reading = true;
        return tasks.submitIo("read study " + plan.toAbsolutePath().getParent().getFileName(), m -> snapshot(plan),
                s -> {
                    planFile = plan;
                    apply(s);
                },
                e -> {
                    if (userAsked) {
                        errors.accept("Could not open study " + plan + ": " + FxTaskAdapter.describe(e));
                    } else {
                        title.set(title.get().replaceAll(" — refresh failed.*", "")
                                + " — refresh failed: " + FxTaskAdapter.describe(e));
                    }
                },
                () -> reading = false);
    }

    static Snapshot snapshot(Path plan) throws IOException {
        if (!Files.isRegularFile(plan)) {
            throw new org.lmcx.model.UserInputException(plan + ": no study plan here (a study folder has plan.yaml)");
        }
        Study s = Study.load(plan);
        List<CellRow> done = new ArrayList<>();
        for (Cell c : s.cells()) {
            if (s.folder().isFinished(c)) {
                done.add(new CellRow(c, s.folder().read(c)));
            }
        }
        // The study code's own aggregation over these results: the rows `lmcx study collect` writes.
        Summary summary = new Summary(s.plan().name(), done.size(), s.cells().size(),
                org.lmcx.study.Aggregation.summarize(done.stream().map(CellRow::result).toList(),
                        s.plan().tests().threeModel()));
        List<Path> pngs = List.of();
        if (Files.isDirectory(s.folder().figuresDir())) {
            try (Stream<Path> files = Files.list(s.folder().figuresDir())) {
                pngs = files.filter(f -> f.getFileName().toString().endsWith(".png")).sorted().toList();
            }
        }
        return new Snapshot(s, summary, done, pngs);
    }

    private void apply(Snapshot s) {
        study = s.study();
        title.set(s.summary().study() + " — " + s.summary().cellsFinished() + " of " + s.summary().cellsTotal()
                + " cells finished (" + study.folder().dir() + ")");
        allRows.setAll(s.summary().rows());
        for (Filter f : filters()) {
            f.fill(allRows);
        }
        applyFilters();
        // Replaced only when the finished cells changed, so a watched study keeps the list's selection.
        if (!keys(cells).equals(keys(s.cells()))) {
            cells.setAll(s.cells());
        }
        if (!figures.equals(s.figures())) {
            figures.setAll(s.figures());
        }
    }

    private static List<String> keys(List<CellRow> list) {
        return list.stream().map(r -> r.cell().key()).toList();
    }

    private void applyFilters() {
        rows.setPredicate(r -> filters().stream().allMatch(f -> f.accepts(r)));
    }

    /**
     * Opens a cell's model set in the slots (A, B and, for a triple, C; C is cleared for a pair) and the study's
     * data with its subset sizes, so a run made now measures what the cell measured.
     */
    public void openCell(CellRow row) {
        Objects.requireNonNull(row);
        List<Path> files = row.cell().models();
        if (study != null) {
            StudyPlan.DataSpec d = study.plan().data();
            models.dataDirProperty().set(study.dataDir().toString());
            if (d.train() != null) {
                models.trainSizeProperty().set(d.train());
            }
            if (d.test() != null) {
                models.testSizeProperty().set(d.test());
            }
        }
        for (int i = 0; i < files.size() && i < 3; i++) {
            models.openModel(i, files.get(i));
        }
        if (files.size() < 3) {
            models.clearSlot(2);
        }
    }
}
