package org.lmcx.app;

import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.lmcx.io.DemoAssets;
import org.lmcx.render.ExportItem;
import org.lmcx.session.SessionJson;
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
    private final RunsView runs;
    private final Menu recentMenu = new Menu("Open recent");
    private Path sessionFile;

    public MainView(MainViewModel vm, Stage stage, RecentFiles recent) {
        this.vm = vm;
        this.stage = stage;
        this.recent = recent;
        interpolation = new InterpolationView(vm);
        landscape = new LandscapeView(vm.landscape());
        spectra = new SpectraView(vm.preview());
        alignment = new AlignmentView(vm);
        summary = new SummaryView(vm);
        runs = new RunsView(vm);
        vm.setErrorSink(m -> Dialogs.error(stage, m));

        tabs.setId("views");
        tabs.getTabs().addAll(tab("Interpolation", interpolation), tab("Landscape", landscape),
                tab("Spectra", spectra), tab("Alignment", alignment), tab("Summary", summary), tab("Runs", runs));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // The merged model's SVD is only worth its milliseconds while the Spectra tab is on screen.
        tabs.getSelectionModel().selectedItemProperty().addListener((o, x, y) ->
        {
            boolean wanted = y != null && y.getContent() == spectra;
            vm.preview().preview().setSpectrumWanted(wanted);
            if (wanted) {
                vm.preview().preview().request(vm.preview().lambdaProperty().get());
            }
        });
        vm.preview().preview().setSpectrumWanted(false);

        VBox center = new VBox(tabs, new SliderBar(vm.preview()));
        VBox.setVgrow(tabs, Priority.ALWAYS);

        ScrollPane left = new ScrollPane(new VBox(6, InputPanels.models(vm.models(), this::chooseModel,
                this::openModel), InputPanels.data(vm.models(), vm.runs(), stage), InputPanels.methods(vm.runs())));
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
        root.setBottom(SliderBar.statusBar(vm));
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

    // ---- menus -----------------------------------------------------------------------------------------

    private MenuBar menus() {
        Menu file = new Menu("File");
        for (int i = 0; i < 3; i++) {
            int slot = i;
            MenuItem open = new MenuItem("Open model " + vm.models().slot(i).name() + "…");
            open.setAccelerator(KeyCombination.keyCombination("Shortcut+" + (i + 1)));
            open.setOnAction(e -> chooseModel(slot));
            file.getItems().add(open);
        }
        file.setOnShowing(e -> fillRecent());
        MenuItem newWorkspace = new MenuItem("New workspace");
        newWorkspace.setId("new-workspace");
        newWorkspace.setOnAction(e -> {
            if (vm.runs().all().isEmpty() || Dialogs.confirm(stage, "Start an empty workspace? The models and all "
                    + vm.runs().all().size() + " runs of this one are closed (save a session first to keep them).")) {
                sessionFile = null;
                vm.session().newWorkspace();
            }
        });
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
        file.getItems().addAll(recentMenu, new SeparatorMenuItem(), newWorkspace, openSession, saveSession, saveAs,
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
                MenuItem as = new MenuItem("as " + vm.models().slot(i).name());
                as.setOnAction(e -> openModel(slot, p));
                m.getItems().add(as);
            }
            recentMenu.getItems().add(m);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private void chooseModel(int slot) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open model " + vm.models().slot(slot).name());
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
        vm.models().openModel(slot, p);
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
        vm.models().dataDirProperty().set(dir.resolve("data").toString());
        // A new user should see a finished analysis, not an empty chart: run the ticked methods as soon as all
        // three demo models are in (each load is a job; the last one to succeed starts the run).
        int[] pending = {3};
        for (int i = 0; i < 3; i++) {
            FxJob job = vm.models().openModel(i, dir.resolve(DemoAssets.MODELS.get(i)));
            job.stateProperty().addListener((obs, old, state) -> {
                if (state == org.lmcx.task.JobHandle.State.SUCCEEDED && --pending[0] == 0) {
                    // The job's state changes before its model reaches the slot: run once that has happened.
                    vm.tasks().ui().execute(() -> vm.runs().run());
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
        vm.tasks().submitIo("open session " + p.getFileName(), m -> SessionJson.read(p), s -> {
            sessionFile = p;
            vm.session().applySession(s);
        }, e -> vm.error(FxTaskAdapter.describe(e)), null);
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
        return vm.session().saveTo(target, "save session " + target.getFileName(), p -> sessionFile = p,
                e -> vm.error("Could not save " + target.getFileName() + ": " + FxTaskAdapter.describe(e)));
    }

    // ---- export ----------------------------------------------------------------------------------------

    private void exportViewInteractive(boolean all) {
        List<ExportItem> items = all ? allItems() : currentItems();
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
            java.util.Map<String, String> files = summary.csvFiles();
            vm.tasks().submitIo("export summary", m -> {
                List<Path> out = new ArrayList<>();
                for (var f : files.entrySet()) {
                    Path p = dir.resolve(f.getKey());
                    ChartExport.writeCsv(f.getValue(), p);
                    out.add(p);
                }
                return out;
            }, done::complete, e -> {
                vm.error("Export failed: " + FxTaskAdapter.describe(e));
                done.completeExceptionally(e);
            }, null);
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
        return tabs.getSelectionModel().getSelectedItem().getContent() instanceof ExportableView v
                ? v.exportItems() : List.of();
    }

    /** What every view shows now (Export all: the same content as the tabs, not another selection). */
    private List<ExportItem> allItems() {
        List<ExportItem> out = new ArrayList<>();
        for (ExportableView v : List.of(interpolation, landscape, spectra, alignment)) {
            out.addAll(v.exportItems());
        }
        return out;
    }

    public TabPane tabs() {
        return tabs;
    }

    RunsView runsView() {
        return runs;
    }

    SummaryView summaryView() {
        return summary;
    }
}
