package org.lmcx.app;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.lmcx.task.ComputeTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/**
 * The JavaFX application. Started by {@link org.lmcx.Launcher} (which is not an Application, so the shaded jar
 * runs without the module path). Command-line arguments are checkpoint paths opened into A, B, C (or one
 * session file); with none, the last workspace reopens, or on the first launch the bundled demo (Help → Open
 * demo does it any time).
 */
public final class LmcxApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(LmcxApp.class);

    private ComputeTaskService compute;
    private ComputeTaskService previewService;
    private ComputeTaskService io;
    private MainView view;
    private MainViewModel vm;

    /** Blocks until the window is closed. */
    public static void launchGui(String[] checkpoints) {
        Application.launch(LmcxApp.class, checkpoints);
    }

    @Override
    public void start(Stage stage) {
        // The slider preview gets its own thread so a long matching job does not hold the readout hostage, and
        // the compute lane steps aside (at its cancellation checks) while a readout computes: on two cores a
        // job's BLAS threads would otherwise take half of every core from it.
        org.lmcx.task.Foreground foreground = new org.lmcx.task.Foreground();
        compute = new ComputeTaskService(1, foreground);
        previewService = new ComputeTaskService(1);
        // Opening models and sessions, saving: their own lane, so a long job never holds them up.
        io = new ComputeTaskService(1);
        FxTaskAdapter tasks = new FxTaskAdapter(compute, io, Platform::runLater);
        vm = new MainViewModel(tasks, previewService, foreground);
        view = new MainView(vm, stage, RecentFiles.user());
        stage.setTitle("LMC Explorer");
        for (String size : new String[]{"48", "128", "256"}) {
            var icon = LmcxApp.class.getResourceAsStream("lmcx-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon));
            }
        }
        // Fit the screen: on a 1024×768 display the 1500×950 default would hang off its edges.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        stage.setScene(view.scene(Math.min(1500, screen.getWidth()), Math.min(950, screen.getHeight())));
        stage.show();
        if (Boolean.getBoolean("lmcx.timing")) {
            logTimings();
        }
        vm.probeBackend();
        Timeline clock = new Timeline(new KeyFrame(Duration.millis(500), e -> vm.tick()));
        clock.setCycleCount(Timeline.INDEFINITE);
        clock.play();
        vm.tick();
        if (Boolean.getBoolean("lmcx.stallMonitor")) {
            new FxStallMonitor().start();
        }

        vm.session().persistTo(WorkspaceFile.location());
        List<String> args = getParameters().getRaw();
        if (!args.isEmpty()) {
            // The workspace's runs stay (the files given are added to it); its models do not reopen.
            vm.session().restoreWorkspace(false, () -> { });
        }
        if (args.size() == 1 && args.get(0).endsWith(".json")) {
            // A session (the desktop entry passes double-clicked .lmcx.json files here).
            view.openSession(Path.of(args.get(0)));
        } else if (args.size() == 1 && (java.nio.file.Files.isDirectory(Path.of(args.get(0)))
                || args.get(0).endsWith(".yaml"))) {
            // A study folder (with plan.yaml) or its plan: shown in the Study tab.
            view.openStudy(Path.of(args.get(0)));
        } else if (!args.isEmpty()) {
            for (int i = 0; i < Math.min(3, args.size()); i++) {
                view.openModel(i, Path.of(args.get(i)));
            }
            if (args.size() > 3) {
                vm.error("Only three models (A, B, C) can be open; ignored " + String.join(", ",
                        args.subList(3, args.size())));
            }
            defaultData();
        } else if (Boolean.getBoolean("lmcx.demo")) {
            view.openDemo();
            defaultData();
        } else {
            // The last workspace as it was; with none (the first launch: a workspace is written from then on),
            // the demo, so a new user's first sight is a finished analysis.
            vm.session().restoreWorkspace(() -> {
                view.openDemo();
                defaultData();
            });
        }
    }

    /**
     * With {@code -Dlmcx.timing=true}: JVM start → window shown, and window shown → each run drawn (the first
     * time the open models' ticked runs reach 1, 2, ... rows; logged a pulse later, once the charts are laid
     * out). A measurement to rerun by hand (README), not a test with a threshold.
     */
    private void logTimings() {
        long shown = System.currentTimeMillis();
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        LOG.info("timing: window shown {} ms after JVM start", shown - jvmStart);
        int[] logged = {0};
        vm.runs().shownPairs().addListener((javafx.collections.ListChangeListener<RunRow>) c -> {
            int n = vm.runs().shownPairs().size();
            if (n > logged[0]) {
                logged[0] = n;
                Platform.runLater(() -> LOG.info("timing: {} run(s) drawn {} ms after the window was shown", n,
                        System.currentTimeMillis() - shown));
            }
        });
    }

    /** The demo's data if present, else Debian's Fashion-MNIST package, else nothing (the user picks). */
    private void defaultData() {
        if (vm.models().dataDirProperty().get() != null) {
            return;
        }
        try {
            vm.models().dataDirProperty().set(org.lmcx.io.DemoAssets.dataDir().toString());
        } catch (IllegalArgumentException e) {
            Path debian = Path.of("/usr/share/datasets/fashion-mnist");
            if (java.nio.file.Files.isDirectory(debian)) {
                vm.models().dataDirProperty().set(debian.toString());
            }
        }
    }

    @Override
    public void stop() {
        double[] st = vm == null ? new double[3] : vm.preview().preview().latencyStats();
        if (st[0] > 0) {
            LOG.info("slider preview latency: {} readouts, median {} ms, p95 {} ms, mean {} ms, max {} ms, first {} ms",
                    (long) st[0], String.format("%.1f", st[3]), String.format("%.1f", st[5]),
                    String.format("%.1f", st[1]), String.format("%.1f", st[2]), String.format("%.1f", st[4]));
        }
        if (vm != null) {
            try {
                vm.session().saveWorkspaceNow();
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("could not save the workspace to {}: {}", vm.session().workspaceFile(), e.toString());
            }
        }
        if (compute != null) {
            compute.close();
        }
        if (previewService != null) {
            previewService.close();
        }
        if (io != null) {
            io.close();
        }
    }
}
