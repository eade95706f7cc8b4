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
import org.lmcx.session.SessionData;
import org.lmcx.session.SessionJson;
import org.lmcx.session.SpectrumSet;
import org.lmcx.render.figure.FigureOptions;
import org.lmcx.render.figure.FigureSpec;
import org.lmcx.render.figure.PaperFigures;

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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MainView.class);

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
    private final StudyView study;
    private final RecentMenu recentMenu;
    private Path sessionFile;
    /** The last file each slot tried to open (a failed open leaves the slot's path as it was). */
    private final Path[] attempted = new Path[3];

    public MainView(MainViewModel vm, Stage stage, RecentFiles recent) {
        this.vm = vm;
        this.stage = stage;
        this.recent = recent;
        this.recentMenu = new RecentMenu(recent, vm.models().slots().stream().map(ModelSlot::name).toList(),
                this::openModel, this::openSession);
        interpolation = new InterpolationView(vm);
        landscape = new LandscapeView(vm.landscape());
        spectra = new SpectraView(vm.preview());
        alignment = new AlignmentView(vm);
        summary = new SummaryView(vm);
        runs = new RunsView(vm);
        study = new StudyView(vm.study(), this::chooseStudy);
        vm.setErrorSink(m -> Dialogs.error(stage, m));

        tabs.setId("views");
        tabs.getTabs().addAll(tab("Interpolation", interpolation), tab("Landscape", landscape),
                tab("Spectra", spectra), tab("Alignment", alignment), tab("Summary", summary), tab("Runs", runs),
                tab("Study", study));
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
                this::openModel, i -> attempted[i]), InputPanels.data(vm.models(), vm.runs(), stage), InputPanels.methods(vm.runs())));
        left.setFitToWidth(true);
        left.setPrefWidth(380);
        left.setMinWidth(300);

        TitledPane jobs = new TitledPane("Jobs", new JobsView(vm.tasks()));
        jobs.setId("jobs-pane");
        jobs.setCollapsible(false);
        jobs.setPrefHeight(120);
        jobs.setMinHeight(0);

        SplitPane horizontal = new SplitPane(left, center);
        horizontal.setDividerPositions(0.25);
        SplitPane.setResizableWithParent(left, false);
        SplitPane vertical = new SplitPane(horizontal, jobs);
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.setDividerPositions(0.86);

        root.setTop(menus());
        root.setCenter(vertical);
        root.setBottom(SliderBar.statusBar(vm));
        landscape.followLambda(vm.preview().lambdaProperty());
        Tooltips.install(root, vm.runs().methods());
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
        file.setOnShowing(e -> recentMenu.refresh());
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
        MenuItem openStudy = new MenuItem("Open study…");
        openStudy.setId("open-study");
        openStudy.setOnAction(e -> chooseStudy());
        MenuItem saveSession = new MenuItem("Save session");
        saveSession.setAccelerator(KeyCombination.keyCombination("Shortcut+S"));
        saveSession.setOnAction(e -> saveSession(false));
        MenuItem saveAs = new MenuItem("Save session as…");
        saveAs.setOnAction(e -> saveSession(true));
        MenuItem exportView = new MenuItem("Export current view (PNG, SVG, PDF, CSV)…");
        exportView.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        exportView.setOnAction(e -> exportViewInteractive(false));
        MenuItem exportAll = new MenuItem("Export figure set (PNG, SVG, PDF, CSV)…");
        exportAll.setId("export-figure-set");
        exportAll.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+E"));
        exportAll.setOnAction(e -> exportViewInteractive(true));
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> stage.close());
        file.getItems().addAll(recentMenu.menu(), new SeparatorMenuItem(), newWorkspace, openSession, saveSession, saveAs,
                new SeparatorMenuItem(), openStudy,
                new SeparatorMenuItem(), exportView, exportAll, new SeparatorMenuItem(), quit);
        Menu help = HelpMenu.create(stage, vm.backendProperty()::get, this::openDemo);
        MenuBar bar = new MenuBar(file, help);
        return bar;
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
        attempted[slot] = p;
        FxJob job = vm.models().openModel(slot, p);
        // Only files that opened go into Open recent.
        if (job != null) {
            job.stateProperty().addListener((o, x, state) -> {
                if (state == org.lmcx.task.JobHandle.State.SUCCEEDED) {
                    recent.add(p);
                }
            });
        }
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
        Path data = dir.resolve("data");
        vm.models().dataDirProperty().set(data.toString());
        List<Path> files = DemoAssets.MODELS.stream().map(dir::resolve).toList();
        // A new user should see a finished analysis at once: the runs shipped with the demo are shown as soon
        // as they are read and verified by recomputing them in the background; without them (or unreadable),
        // the ticked methods run once all three models are in.
        Path shipped = dir.resolve(DemoAssets.SHIPPED_SESSION);
        // Parsing the shipped file (a second or so on a cold JVM) overlaps opening the models on the I/O lane:
        // the runs show once both are done, as neither needs the other.
        CompletableFuture<List<org.lmcx.session.Run>> runs = CompletableFuture.supplyAsync(
                () -> org.lmcx.runner.ShippedRuns.read(shipped, data, files));
        // The callback handles the failure; the future whenComplete returns would only repeat it.
        openDemoModels(files, () -> {
            var unused = runs.whenComplete((r, e) -> vm.tasks().ui().execute(() -> {
                if (e == null) {
                    LOG.info("the demo's models are open and its {} shipped runs read", r.size());
                    vm.runs().load(r, null);
                    vm.runs().verifyShipped(r);
                } else {
                    LOG.info("no shipped demo runs ({}); computing them", FxTaskAdapter.describe(e));
                    vm.runs().run();
                }
            }));
        });
    }

    /** Opens the demo's three models; {@code then} runs (FX thread) once all are in their slots. */
    private void openDemoModels(List<Path> files, Runnable then) {
        int[] pending = {3};
        for (int i = 0; i < 3; i++) {
            FxJob job = vm.models().openModel(i, files.get(i));
            job.stateProperty().addListener((obs, old, state) -> {
                if (state == org.lmcx.task.JobHandle.State.SUCCEEDED && --pending[0] == 0) {
                    // The job's state changes before its model reaches the slot: go on once that has happened.
                    vm.tasks().ui().execute(then);
                }
            });
        }
    }

    /** Asks for a study folder (one with plan.yaml) and shows it in the Study tab. */
    private void chooseStudy() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Open study folder (with plan.yaml)");
        File d = dc.showDialog(stage);
        if (d != null) {
            openStudy(d.toPath());
        }
    }

    /** Opens a study folder (or plan file) in the Study tab and brings the tab to the front. */
    public void openStudy(Path folderOrPlan) {
        vm.study().open(folderOrPlan);
        tabs.getTabs().stream().filter(t -> t.getContent() == study).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
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
            recent.addSession(p);
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
        String what = all ? "figure set" : tabs.getSelectionModel().getSelectedItem().getText().toLowerCase(Locale.ROOT);
        Exporter.exportInteractive(stage, vm.tasks(), what, all ? figureSet() : currentFigures(), extraCsv(all),
                vm::error);
    }

    /**
     * Exports the current tab's figures into {@code dir} as PNG + CSV at {@code width}×{@code height} px times
     * {@code scale} (96 px per inch); used by tests.
     */
    public CompletableFuture<List<Path>> exportCurrentView(Path dir, int width, int height, double scale) {
        var theme = org.lmcx.render.figure.FigureTheme.TWO_COLUMN.withSize(width / 96.0, height / 96.0)
                .withDpi((int) Math.round(96 * scale));
        return Exporter.export(vm.tasks(), "view", currentFigures(), extraCsv(false), dir, new Exporter.Settings(
                theme, java.util.EnumSet.of(org.lmcx.render.figure.FigureFiles.Format.PNG,
                        org.lmcx.render.figure.FigureFiles.Format.CSV)));
    }

    private FigureOptions viewOptions() {
        return landscape.options(FigureOptions.DEFAULT.withLambda(vm.preview().lambdaProperty().get())
                .withLogSpectra(spectra.isLog()).withAlignmentFitData(alignment.fitRange()));
    }

    /**
     * The seed paper's figure set for the session's runs (every layer's spectra linear and log, every alignment
     * map, alignment by rank, both planes), with the merged model's spectrum the Spectra view shows.
     */
    private List<FigureSpec> figureSet() {
        List<FigureSpec> out = new ArrayList<>(PaperFigures.all(vm.session().toSession(), viewOptions()));
        // The path figure shows what the Interpolation view shows (the ticked runs, labelled by run), and the
        // spectra of the layer on screen carry the merged model's curve the Spectra view shows.
        out.removeIf(f -> f.stem().equals("path_loss_accuracy"));
        out.addAll(0, interpolation.figures(viewOptions()));
        SpectrumSet shown = vm.preview().spectrumProperty().get();
        if (shown != null) {
            String stem = "spectra_" + FigureSpec.safe(shown.layer());
            out.removeIf(f -> f.stem().equals(stem) || f.stem().equals(stem + "_log"));
            out.add(PaperFigures.spectra(shown, false));
            out.add(PaperFigures.spectra(shown, true));
        }
        return out;
    }

    private java.util.Map<String, String> extraCsv(boolean all) {
        return all || isSummary() ? summary.csvFiles() : java.util.Map.of();
    }

    private boolean isSummary() {
        return tabs.getSelectionModel().getSelectedItem().getContent() == summary;
    }

    private List<FigureSpec> currentFigures() {
        return tabs.getSelectionModel().getSelectedItem().getContent() instanceof ExportableView v
                ? v.figures(viewOptions()) : List.of();
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
