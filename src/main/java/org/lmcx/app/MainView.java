package org.lmcx.app;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.lmcx.io.DemoAssets;
import org.lmcx.render.ExportItem;
import org.lmcx.render.SessionData;
import org.lmcx.render.SessionJson;
import org.lmcx.render.SpectraChart;
import org.lmcx.render.SpectrumSet;
import org.lmcx.render.AlignmentCharts;
import org.lmcx.render.AlignmentMaps;
import org.lmcx.render.SummaryTable;
import org.lmcx.render.ChartExport;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The main window: Models, Data and Methods on the left, one tab per view in the middle with the λ slider
 * and live readout under it, the Jobs panel and the status bar at the bottom. Only wiring: every action
 * calls the view model.
 */
public final class MainView {

    private final MainViewModel vm;
    private final Stage stage;
    private final RecentFiles recent;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final InterpolationView interpolation;
    private final LandscapeView landscape;
    private final SpectraView spectra;
    private final AlignmentView alignment;
    private final SummaryView summary;
    private final Menu recentMenu = new Menu("Open recent");
    private Path sessionFile;

    public MainView(MainViewModel vm, Stage stage, RecentFiles recent) {
        this.vm = vm;
        this.stage = stage;
        this.recent = recent;
        interpolation = new InterpolationView(vm);
        landscape = new LandscapeView(vm);
        spectra = new SpectraView(vm);
        alignment = new AlignmentView(vm);
        summary = new SummaryView(vm);
        vm.setErrorSink(m -> Dialogs.error(stage, m));

        tabs.setId("views");
        tabs.getTabs().addAll(tab("Interpolation", interpolation), tab("Landscape", landscape),
                tab("Spectra", spectra), tab("Alignment", alignment), tab("Summary", summary));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // The merged model's SVD is only worth its milliseconds while the Spectra tab is on screen.
        tabs.getSelectionModel().selectedItemProperty().addListener((o, x, y) ->
        {
            boolean wanted = y != null && y.getContent() == spectra;
            vm.preview().setSpectrumWanted(wanted);
            if (wanted) {
                vm.preview().request(vm.lambdaProperty().get());
            }
        });
        vm.preview().setSpectrumWanted(false);

        VBox center = new VBox(tabs, sliderBar());
        VBox.setVgrow(tabs, Priority.ALWAYS);

        ScrollPane left = new ScrollPane(new VBox(6, modelsPanel(), dataPanel(), methodsPanel()));
        left.setFitToWidth(true);
        left.setPrefWidth(380);
        left.setMinWidth(300);

        TitledPane jobs = new TitledPane("Jobs", new JobsView(vm.tasks()));
        jobs.setId("jobs-pane");
        jobs.setCollapsible(false);
        jobs.setPrefHeight(170);

        SplitPane horizontal = new SplitPane(left, center);
        horizontal.setDividerPositions(0.25);
        SplitPane.setResizableWithParent(left, false);
        SplitPane vertical = new SplitPane(horizontal, jobs);
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.setDividerPositions(0.82);

        root.setTop(menus());
        root.setCenter(vertical);
        root.setBottom(statusBar());
    }

    public Scene scene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        var css = MainView.class.getResource("app.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        return scene;
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setId("tab-" + title.toLowerCase(Locale.ROOT));
        return t;
    }

    // ---- left panels -----------------------------------------------------------------------------------

    private TitledPane modelsPanel() {
        VBox box = new VBox(6);
        for (int i = 0; i < 3; i++) {
            box.getChildren().add(slotRow(i));
        }
        Label mismatch = new Label();
        mismatch.setId("mismatch");
        mismatch.getStyleClass().add("error-text");
        mismatch.setWrapText(true);
        mismatch.textProperty().bind(vm.mismatchProperty());
        mismatch.visibleProperty().bind(vm.mismatchProperty().isNotNull());
        mismatch.managedProperty().bind(mismatch.visibleProperty());
        box.getChildren().add(mismatch);
        TitledPane p = new TitledPane("Models", box);
        p.setId("models-pane");
        return p;
    }

    private VBox slotRow(int i) {
        ModelSlot s = vm.slot(i);
        Label title = new Label(s.name() + (i == 2 ? " (optional)" : ""));
        title.getStyleClass().add("slot-title");
        Button open = new Button("Open…");
        open.setId("open-" + s.name());
        open.setOnAction(e -> chooseModel(i));
        Button clear = new Button("×");
        clear.setTooltip(new Tooltip("Empty this slot"));
        clear.setOnAction(e -> vm.clearSlot(i));
        Label file = new Label();
        file.textProperty().bind(Bindings.createStringBinding(() -> s.pathProperty().get() == null
                ? "drop a checkpoint here" : String.valueOf(s.pathProperty().get().getFileName()), s.pathProperty()));
        file.getStyleClass().add("slot-file");
        HBox head = new HBox(6, title, file, spacer(), open, clear);
        head.setAlignment(Pos.CENTER_LEFT);
        Label info = new Label();
        info.setId("slot-info-" + s.name());
        info.textProperty().bind(Bindings.createStringBinding(() -> s.loadingProperty().get() ? "loading…"
                        : s.getModel() == null ? "" : s.architectureProperty().get() + " · " + s.parametersProperty().get()
                        + " · " + s.formatProperty().get(),
                s.loadingProperty(), s.modelProperty(), s.architectureProperty(), s.parametersProperty(),
                s.formatProperty()));
        info.getStyleClass().add("slot-info");
        Label err = new Label();
        err.setId("slot-error-" + s.name());
        err.getStyleClass().add("error-text");
        err.setWrapText(true);
        err.textProperty().bind(s.errorProperty());
        err.visibleProperty().bind(s.errorProperty().isNotNull());
        err.managedProperty().bind(err.visibleProperty());
        VBox row = new VBox(2, head, info, err);
        row.getStyleClass().add("slot");
        row.setId("slot-" + s.name());
        row.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        row.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            if (files != null && !files.isEmpty()) {
                openModel(i, files.get(0).toPath());
                e.setDropCompleted(true);
            }
            e.consume();
        });
        return row;
    }

    private TitledPane dataPanel() {
        TextField dir = new TextField();
        dir.setId("data-dir");
        dir.textProperty().bindBidirectional(vm.dataDirProperty());
        dir.setPromptText("IDX (MNIST-style) or CIFAR-10 binary folder");
        Button browse = new Button("…");
        browse.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Dataset folder");
            File f = dc.showDialog(stage);
            if (f != null) {
                vm.dataDirProperty().set(f.getAbsolutePath());
            }
        });
        HBox dirRow = new HBox(4, dir, browse);
        HBox.setHgrow(dir, Priority.ALWAYS);
        Spinner<Integer> train = intSpinner(0, 60000, vm.trainSizeProperty().get(), 500);
        train.valueProperty().addListener((o, x, y) -> vm.trainSizeProperty().set(y));
        vm.trainSizeProperty().addListener((o, x, y) -> train.getValueFactory().setValue(y.intValue()));
        Spinner<Integer> test = intSpinner(100, 10000, vm.testSizeProperty().get(), 500);
        test.valueProperty().addListener((o, x, y) -> vm.testSizeProperty().set(y));
        vm.testSizeProperty().addListener((o, x, y) -> test.getValueFactory().setValue(y.intValue()));
        Spinner<Integer> points = intSpinner(3, 201, vm.lambdaPointsProperty().get(), 2);
        points.valueProperty().addListener((o, x, y) -> vm.lambdaPointsProperty().set(y));
        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(4);
        g.addRow(0, new Label("folder"), dirRow);
        g.addRow(1, new Label("train subset"), train);
        g.addRow(2, new Label("test subset"), test);
        g.addRow(3, new Label("λ points"), points);
        CheckBox bn = new CheckBox("reset BN statistics at each λ");
        bn.setId("reset-bn");
        bn.selectedProperty().bindBidirectional(vm.resetBnProperty());
        bn.disableProperty().bind(vm.bnAvailableProperty().not());
        bn.setTooltip(new Tooltip("Recompute batch-norm running statistics on the train subset at every λ and"
                + " landscape point (slower). Only for architectures with BN layers (model A)."));
        g.add(bn, 0, 4, 2, 1);
        GridPane.setHgrow(dirRow, Priority.ALWAYS);
        TitledPane p = new TitledPane("Data", g);
        p.setId("data-pane");
        return p;
    }

    private static Spinner<Integer> intSpinner(int min, int max, int value, int step) {
        Spinner<Integer> s = new Spinner<>(min, max, value, step);
        s.setEditable(true);
        s.setPrefWidth(110);
        return s;
    }

    private TitledPane methodsPanel() {
        VBox box = new VBox(6);
        for (MethodConfig m : vm.methods()) {
            CheckBox on = new CheckBox(m.title());
            on.setId("method-" + m.name());
            on.selectedProperty().bindBidirectional(m.enabledProperty());
            TextField opts = new TextField();
            opts.setId("options-" + m.name());
            opts.textProperty().bindBidirectional(m.optionsProperty());
            opts.setPromptText("no options");
            opts.disableProperty().bind(on.selectedProperty().not());
            VBox.setMargin(opts, new Insets(0, 0, 0, 22));
            box.getChildren().addAll(on, opts);
        }
        Spinner<Integer> seed = intSpinner(0, Integer.MAX_VALUE, (int) vm.seedProperty().get(), 1);
        seed.valueProperty().addListener((o, x, y) -> vm.seedProperty().set(y));
        HBox seedRow = new HBox(6, new Label("seed"), seed);
        seedRow.setAlignment(Pos.CENTER_LEFT);
        Button run = new Button("Run");
        run.setId("run");
        run.setDefaultButton(true);
        run.setMaxWidth(Double.MAX_VALUE);
        run.setOnAction(e -> vm.run());
        box.getChildren().addAll(new Separator(), seedRow, run);
        TitledPane p = new TitledPane("Methods", box);
        p.setId("methods-pane");
        return p;
    }

    // ---- slider, status --------------------------------------------------------------------------------

    private VBox sliderBar() {
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
        ComboBox<String> path = new ComboBox<>();
        path.setId("preview-method");
        path.setPromptText("path");
        vm.runs().addListener((ListChangeListener<SessionData.RunData>) c -> {
            String keep = vm.previewMethodProperty().get();
            path.getItems().setAll(vm.runs().stream().map(SessionData.RunData::method).toList());
            path.setValue(keep);
        });
        path.valueProperty().addListener((o, x, y) -> {
            if (y != null) {
                vm.previewMethodProperty().set(y);
            }
        });
        vm.previewMethodProperty().addListener((o, x, y) -> path.setValue(y));
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
        VBox bar = new VBox(2, row, readout);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.getStyleClass().add("slider-bar");
        return bar;
    }

    private HBox statusBar() {
        Label backend = new Label();
        backend.setId("status-backend");
        backend.textProperty().bind(vm.backendProperty());
        Label memory = new Label();
        memory.setId("status-memory");
        memory.textProperty().bind(vm.memoryProperty());
        Label latency = new Label();
        latency.textProperty().bind(Bindings.createStringBinding(() -> {
            double ms = vm.latencyMsProperty().get();
            double[] st = vm.preview().latencyStats();
            if (Double.isNaN(ms)) {
                return "";
            }
            String head = String.format(Locale.ROOT, "slider readout %.0f ms (compute %.1f ms", ms,
                    vm.computeMsProperty().get());
            // No statistics before the first readout after the warm-up: show none rather than NaN.
            return st[0] < 1 || Double.isNaN(st[3]) ? head + ")" : head + String.format(Locale.ROOT,
                    "; median %.0f, mean %.0f, max %.0f over %d)", st[3], st[1], st[2], (long) st[0]);
        }, vm.latencyMsProperty()));
        HBox bar = new HBox(16, backend, new Separator(Orientation.VERTICAL), memory,
                new Separator(Orientation.VERTICAL), latency);
        bar.setPadding(new Insets(3, 8, 3, 8));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    // ---- menus -----------------------------------------------------------------------------------------

    private MenuBar menus() {
        Menu file = new Menu("File");
        for (int i = 0; i < 3; i++) {
            int slot = i;
            MenuItem open = new MenuItem("Open model " + vm.slot(i).name() + "…");
            open.setAccelerator(KeyCombination.keyCombination("Shortcut+" + (i + 1)));
            open.setOnAction(e -> chooseModel(slot));
            file.getItems().add(open);
        }
        file.setOnShowing(e -> fillRecent());
        MenuItem openSession = new MenuItem("Open session…");
        openSession.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        openSession.setOnAction(e -> openSession());
        MenuItem saveSession = new MenuItem("Save session");
        saveSession.setAccelerator(KeyCombination.keyCombination("Shortcut+S"));
        saveSession.setOnAction(e -> saveSession(false));
        MenuItem saveAs = new MenuItem("Save session as…");
        saveAs.setOnAction(e -> saveSession(true));
        MenuItem exportView = new MenuItem("Export current view (PNG + CSV)…");
        exportView.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        exportView.setOnAction(e -> exportViewInteractive(false));
        MenuItem exportAll = new MenuItem("Export all charts (PNG + CSV)…");
        exportAll.setOnAction(e -> exportViewInteractive(true));
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> stage.close());
        file.getItems().addAll(recentMenu, new SeparatorMenuItem(), openSession, saveSession, saveAs,
                new SeparatorMenuItem(), exportView, exportAll, new SeparatorMenuItem(), quit);
        Menu help = new Menu("Help");
        MenuItem demo = new MenuItem("Open demo");
        demo.setOnAction(e -> openDemo());
        help.getItems().add(demo);
        MenuBar bar = new MenuBar(file, help);
        fillRecent();
        return bar;
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : recent.list()) {
            Menu m = new Menu(p.getFileName().toString());
            for (int i = 0; i < 3; i++) {
                int slot = i;
                MenuItem as = new MenuItem("as " + vm.slot(i).name());
                as.setOnAction(e -> openModel(slot, p));
                m.getItems().add(as);
            }
            recentMenu.getItems().add(m);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private void chooseModel(int slot) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open model " + vm.slot(slot).name());
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Checkpoints", "*.safetensors", "*.pt", "*.pth", "*.bin", "*.zip"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            openModel(slot, f.toPath());
        }
    }

    void openModel(int slot, Path p) {
        recent.add(p);
        vm.openModel(slot, p);
    }

    /** Loads the bundled demo: its three MLPs into A, B, C and its Fashion-MNIST subsets as data. */
    public void openDemo() {
        Path dir;
        try {
            dir = DemoAssets.demoDir();
        } catch (IllegalArgumentException e) {
            vm.error(e.getMessage());
            return;
        }
        vm.dataDirProperty().set(dir.resolve("data").toString());
        // A new user should see a finished analysis, not an empty chart: run the ticked methods as soon as all
        // three demo models are in (each load is a job; the last one to succeed starts the run).
        int[] pending = {3};
        for (int i = 0; i < 3; i++) {
            FxJob job = vm.openModel(i, dir.resolve(DemoAssets.MODELS.get(i)));
            job.stateProperty().addListener((obs, old, state) -> {
                if (state == org.lmcx.task.JobHandle.State.SUCCEEDED && --pending[0] == 0) {
                    vm.run();
                }
            });
        }
    }

    // ---- sessions --------------------------------------------------------------------------------------

    private void openSession() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open session");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("LMC Explorer session", "*.json"));
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            openSession(f.toPath());
        }
    }

    /** Reads a session file on the task service and applies it (also used for a session given on the command line). */
    public void openSession(Path p) {
        vm.tasks().submit("open session " + p.getFileName(), m -> SessionJson.read(p), s -> {
            sessionFile = p;
            vm.applySession(s);
        }, e -> vm.error(FxTaskAdapter.describe(e)));
    }

    private void saveSession(boolean ask) {
        Path target = sessionFile;
        if (ask || target == null) {
            FileChooser fc = new FileChooser();
            fc.setTitle("Save session");
            fc.setInitialFileName("session.lmcx.json");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("LMC Explorer session", "*.json"));
            File f = fc.showSaveDialog(stage);
            if (f == null) {
                return;
            }
            target = f.toPath();
            if (!Dialogs.confirmOverwrite(stage, List.of(target))) {
                return;
            }
        }
        saveSessionTo(target);
    }

    /** Serializes on the FX thread (plain records, milliseconds) and writes atomically on the task service. */
    public FxJob saveSessionTo(Path target) {
        SessionData s = vm.toSession();
        return vm.tasks().submit("save session " + target.getFileName(), m -> {
            SessionJson.write(s, target);
            return target;
        }, p -> sessionFile = p, e -> vm.error("Could not save " + target.getFileName() + ": "
                + FxTaskAdapter.describe(e)));
    }

    // ---- export ----------------------------------------------------------------------------------------

    private void exportViewInteractive(boolean all) {
        List<ExportItem> items = all ? ExportItem.all(vm.toSession()) : currentItems();
        if (items.isEmpty() && (all || !isSummary())) {
            vm.error("Nothing to export in this view yet.");
            return;
        }
        var size = Exporter.askSize(stage);
        if (size.isEmpty()) {
            return;
        }
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Export to folder");
        File dir = dc.showDialog(stage);
        if (dir == null) {
            return;
        }
        List<Path> targets = new ArrayList<>();
        for (ExportItem i : items) {
            targets.add(dir.toPath().resolve(i.stem() + ".png"));
            if (i.csv() != null) {
                targets.add(dir.toPath().resolve(i.stem() + ".csv"));
            }
        }
        if (!Dialogs.confirmOverwrite(stage, targets)) {
            return;
        }
        export(items, dir.toPath(), size.get());
    }

    /** Exports the current tab's charts (and CSVs) into {@code dir}; used by the menu and by tests. */
    public CompletableFuture<List<Path>> exportCurrentView(Path dir, int width, int height, double scale) {
        return export(currentItems(), dir, new Exporter.Size(width, height, scale));
    }

    private CompletableFuture<List<Path>> export(List<ExportItem> items, Path dir, Exporter.Size size) {
        if (isSummary()) {
            CompletableFuture<List<Path>> done = new CompletableFuture<>();
            String csv = SummaryTable.csv(vm.toSession());
            vm.tasks().submit("export summary", m -> {
                Path f = dir.resolve("summary.csv");
                ChartExport.writeCsv(csv, f);
                return List.of(f);
            }, done::complete, e -> {
                vm.error("Export failed: " + FxTaskAdapter.describe(e));
                done.completeExceptionally(e);
            });
            return done;
        }
        CompletableFuture<List<Path>> f = Exporter.export(vm.tasks(), items, dir, size, true);
        f.whenComplete((files, e) -> vm.tasks().ui().execute(() -> {
            if (e != null) {
                vm.error("Export failed: " + FxTaskAdapter.describe(e));
            }
        }));
        return f;
    }

    private boolean isSummary() {
        return tabs.getSelectionModel().getSelectedItem().getContent() == summary;
    }

    private List<ExportItem> currentItems() {
        var content = tabs.getSelectionModel().getSelectedItem().getContent();
        SessionData s = vm.toSession();
        if (content == interpolation) {
            return interpolation.exportItems();
        }
        if (content == landscape) {
            String stem = vm.landscapePlaneProperty().get() == MainViewModel.LandscapePlane.THREE_MODELS
                    ? "landscape_three_models" : "landscape";
            return ExportItem.all(s).stream().filter(i -> i.stem().equals(stem)).toList();
        }
        if (content == spectra) {
            SpectrumSet set = vm.spectrumProperty().get();
            if (set == null) {
                return List.of();
            }
            boolean log = spectra.isLog();
            return List.of(new ExportItem("spectra_" + ExportItem.safe(set.layer()), () -> {
                SpectraChart c = new SpectraChart();
                c.setSpectra(set);
                c.setLogScale(log);
                return c.chart();
            }, SpectraChart.csv(List.of(set))));
        }
        if (content == alignment) {
            AlignmentMaps m = alignment.current();
            if (m == null) {
                return List.of();
            }
            return List.of(new ExportItem("alignment_" + ExportItem.safe(m.layer()) + "_" + m.side() + "_"
                    + ExportItem.safe(m.method()), () -> {
                AlignmentCharts c = new AlignmentCharts();
                c.setMaps(m);
                HBox box = new HBox(4, c.beforeChart(), c.afterChart());
                HBox.setHgrow(c.beforeChart(), Priority.ALWAYS);
                HBox.setHgrow(c.afterChart(), Priority.ALWAYS);
                return box;
            }, AlignmentCharts.csv(List.of(m))));
        }
        return List.of();
    }

    public TabPane tabs() {
        return tabs;
    }

}
