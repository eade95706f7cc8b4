package org.lmcx.app;

import org.junit.jupiter.api.Tag;
import io.fair_acc.chartfx.XYChart;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.Fixtures;
import org.lmcx.task.ComputeTaskService;
import org.lmcx.task.JobHandle;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main window under Monocle headless, with real compute threads: open the shared fixtures, run WM, see
 * the curves, drag the slider and watch the readout, export a PNG, cancel a running job.
 */
@Tag("slow")
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {

    private ComputeTaskService compute;
    private ComputeTaskService preview;
    private ComputeTaskService ioLane;
    private MainViewModel vm;
    private MainView view;
    private FxStallMonitor stalls;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws Exception {
        // The app's arrangement (LmcxApp): the compute lane yields to the slider's readout.
        org.lmcx.task.Foreground foreground = new org.lmcx.task.Foreground();
        compute = new ComputeTaskService(1, foreground);
        preview = new ComputeTaskService(1);
        ioLane = new ComputeTaskService(1);
        vm = new MainViewModel(new FxTaskAdapter(compute, ioLane, Platform::runLater), preview, foreground);
        RecentFiles recent = new RecentFiles(Preferences.userRoot().node("org/lmcx/app/test-recent"));
        view = new MainView(vm, stage, recent);
        // Monocle headless screen defaults to 1280×800; a larger window overflows its pixel buffer.
        stage.setScene(view.scene(1240, 780));
        stage.show();
        stalls = new FxStallMonitor();
        stalls.start();
    }

    @org.junit.jupiter.api.BeforeEach
    void guardTheFxThread() {
        // Numeric entry points record calls made on the FX thread (see ComputeThreadGuard).
        org.lmcx.task.ComputeThreadGuard.reset();
        org.lmcx.task.ComputeThreadGuard.forbid(Platform::isFxApplicationThread);
    }

    @AfterEach
    void tearDown() {
        compute.close();
        preview.close();
        ioLane.close();
        List<String> onFx = org.lmcx.task.ComputeThreadGuard.violations();
        org.lmcx.task.ComputeThreadGuard.reset();
        assertThat(onFx).as("numeric work on the JavaFX thread").isEmpty();
    }

    private static void waitUntil(String what, int seconds, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what, e);
        }
    }

    private void openFixtures(FxRobot robot) throws Exception {
        robot.interact(() -> {
            view.openModel(0, Fixtures.shared("torch_mlp_small_s7.safetensors"));
            view.openModel(1, Fixtures.shared("torch_mlp_small_s8.safetensors"));
            vm.models().dataDirProperty().set(Fixtures.requireFashionMnist().toString());
            vm.models().trainSizeProperty().set(500);
            vm.models().testSizeProperty().set(1000);
            vm.models().lambdaPointsProperty().set(11);
            vm.runs().methods().forEach(m -> m.enabledProperty().set(m.name().equals("wm")));
        });
        waitUntil("both models loaded", 60,
                () -> vm.models().slot(0).getModel() != null && vm.models().slot(1).getModel() != null);
        assertThat(robot.lookup("#slot-info-A").queryAs(Label.class).getText()).contains("mlp[128,128]");
    }

    @Test
    void runWmSeeCurveDragSliderExportAndCancel(FxRobot robot) throws Exception {
        openFixtures(robot);

        // Run WM from the button (fired rather than clicked: in the small headless screen the Run button may
        // sit below the scrolled-off part of the left panel); the loss chart gets the curves.
        Button run = robot.lookup("#run").queryButton();
        robot.interact(run::fire);
        waitUntil("WM finished (last error: " + vm.lastErrorProperty().get() + ")", 180,
                () -> MainViewModelTest.pairs(vm).stream().anyMatch(r -> r.key().method().equals("wm")));
        XYChart loss = robot.lookup("#loss-chart").queryAs(XYChart.class);
        waitUntil("loss chart has data", 10, () -> loss.getRenderers().get(0).getDatasets().size() >= 2);
        org.lmcx.session.Run wm = MainViewModelTest.pairs(vm).get(0);
        assertThat(wm.curve().test().lossBarrier().value()).isLessThan(0.1);

        // The readout appears, then follows a drag of the slider.
        waitUntil("first readout", 60, () -> !Double.isNaN(vm.preview().readoutLossProperty().get()));
        String before = robot.lookup("#readout").queryAs(Label.class).getText();
        double lambdaBefore = vm.preview().lambdaProperty().get();
        Slider slider = robot.lookup("#lambda-slider").queryAs(Slider.class);
        stalls.reset();
        robot.drag(slider.lookup(".thumb")).moveBy(-120, 0).moveBy(60, 0).moveBy(-60, 0).drop();
        assertThat(vm.preview().lambdaProperty().get()).isLessThan(lambdaBefore);
        double target = vm.preview().lambdaProperty().get();
        waitUntil("readout for the dragged λ", 30, () -> robot.lookup("#readout").queryAs(Label.class).getText()
                .contains(String.format(java.util.Locale.ROOT, "λ=%.3f", target)));
        assertThat(robot.lookup("#readout").queryAs(Label.class).getText()).isNotEqualTo(before);
        double[] st = vm.preview().preview().latencyStats();
        System.out.printf("slider preview latency: %d readouts, median %.1f ms, mean %.1f ms, max %.1f ms"
                        + " (warm-up %.1f ms); longest FX pulse gap during the drag %.1f ms%n", (long) st[0], st[3],
                st[1], st[2], st[4], stalls.maxGapMs());

        // Export the Interpolation view at 2×: right size, not blank.
        var future = new java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<List<Path>>>();
        robot.interact(() -> future.set(view.exportCurrentView(tmp, 600, 400, 2.0)));
        List<Path> files = future.get().get(60, TimeUnit.SECONDS);
        Path png = files.stream().filter(p -> p.getFileName().toString().equals("path_loss_accuracy.png"))
                .findFirst().orElseThrow();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(img.getHeight()).isEqualTo(800);
        assertThat(distinctColours(img)).isGreaterThan(20);
        assertThat(files).anyMatch(p -> p.getFileName().toString().equals("path_loss_accuracy.csv"));

        // A long job can be cancelled from its row; the WM result stays.
        robot.interact(() -> {
            vm.models().lambdaPointsProperty().set(201);
            vm.models().testSizeProperty().set(10000);
            vm.runs().methods().forEach(m -> m.enabledProperty().set(m.name().equals("identity")));
        });
        robot.interact(run::fire);
        waitUntil("identity job running", 60, () -> vm.tasks().jobs().stream()
                .anyMatch(j -> j.name().startsWith("identity") && j.getState() == JobHandle.State.RUNNING));
        stalls.reset();
        Thread.sleep(1500);
        double stallDuringJob = stalls.maxGapMs();
        FxJob running = vm.tasks().jobs().stream().filter(j -> j.name().startsWith("identity")).findFirst()
                .orElseThrow();
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<FxJob> jobsList = robot.lookup("#jobs").queryAs(javafx.scene.control.ListView.class);
        robot.interact(() -> jobsList.scrollTo(running));
        WaitForAsyncUtils.waitForFxEvents();
        Button cancel = robot.lookup(".cancel-job").queryAllAs(Button.class).stream()
                .filter(b -> !b.isDisabled()).findFirst().orElseThrow(() -> new AssertionError(
                        "no enabled Cancel button; jobs: " + vm.tasks().jobs().stream()
                                .map(j -> j.name() + "=" + j.getState() + " " + j.errorProperty().get()).toList()));
        robot.clickOn(cancel);
        waitUntil("job cancelled", 30, () -> running.getState() == JobHandle.State.CANCELLED);
        assertThat(MainViewModelTest.pairs(vm)).extracting(r -> r.key().method()).containsExactly("wm");
        System.out.printf("longest FX pulse gap while a job ran: %.1f ms%n", stallDuringJob);
    }

    /** Names of the datasets drawn in a chart (all renderers). */
    private static List<String> seriesNames(XYChart chart) {
        return chart.getRenderers().stream().flatMap(r -> r.getDatasets().stream())
                .map(io.fair_acc.dataset.DataSet::getName).toList();
    }

    @Test
    void seedsOverlayAndASecondPairNeverShowsTheFirstPairsRuns(FxRobot robot) throws Exception {
        openFixtures(robot);
        robot.interact(() -> vm.runs().run());
        robot.interact(() -> {
            vm.runs().seedProperty().set(1);
            vm.runs().run();
        });
        waitUntil("two WM runs", 180, () -> vm.runs().shownPairs().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        XYChart loss = robot.lookup("#loss-chart").queryAs(XYChart.class);
        waitUntil("both seeds drawn", 10, () -> seriesNames(loss).stream().anyMatch(n -> n.startsWith("wm · seed 0"))
                && seriesNames(loss).stream().anyMatch(n -> n.startsWith("wm · seed 1")));
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<RunRow> runsTable = robot.lookup("#runs-table").queryAs(
                javafx.scene.control.TableView.class);
        assertThat(runsTable.getItems()).extracting(RunRow::label).containsExactly("wm · seed 0", "wm · seed 1");
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<org.lmcx.session.Run> summary = robot.lookup("#summary-table").queryAs(
                javafx.scene.control.TableView.class);
        assertThat(summary.getItems()).hasSize(2);
        // The summary's barrier is a number column (sortable as numbers), not text with its λ.
        assertThat(summary.getColumns().get(10).getCellData(0)).isInstanceOf(Double.class);
        String tsv = view.summaryView().text();
        assertThat(tsv.lines().findFirst().orElseThrow()).startsWith("run\tmethod\tseed");
        assertThat(tsv.lines().count()).isEqualTo(3);

        Path dir = java.nio.file.Files.createTempDirectory(tmp, "cnn");
        for (String n : List.of("torch_cnn_bn_s7.safetensors", "torch_cnn_bn_s8.safetensors")) {
            java.nio.file.Files.copy(Fixtures.shared(n), dir.resolve(n));
            try (var in = MainWindowFxTest.class.getResourceAsStream("/fixtures/torch_cnn_bn.arch.json")) {
                java.nio.file.Files.copy(in, dir.resolve(n + ".arch.json"));
            }
        }
        robot.interact(() -> {
            view.openModel(0, dir.resolve("torch_cnn_bn_s7.safetensors"));
            view.openModel(1, dir.resolve("torch_cnn_bn_s8.safetensors"));
        });
        waitUntil("CNN pair open", 60, () -> vm.models().open() != null
                && vm.models().open().pathA().toString().contains("cnn"));
        WaitForAsyncUtils.waitForFxEvents();
        // No view shows an MLP run beside the CNN models: charts, tables, choosers, readout.
        assertThat(seriesNames(loss)).isEmpty();
        assertThat(summary.getItems()).isEmpty();
        assertThat(robot.lookup("#preview-method").queryComboBox().getItems()).isEmpty();
        assertThat(robot.lookup("#alignment-method").queryComboBox().getItems()).isEmpty();
        assertThat(robot.lookup("#readout").queryAs(Label.class).getText()).isEqualTo(PreviewViewModel.NO_RUN);
        assertThat(runsTable.getItems()).hasSize(2);

        robot.interact(() -> openFixturesAgain());
        waitUntil("MLP pair open again", 60, () -> vm.models().open() != null
                && vm.models().open().pathA().toString().contains("mlp"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(summary.getItems()).hasSize(2);
        assertThat(seriesNames(loss)).anyMatch(n -> n.startsWith("wm · seed 1"));
        assertThat(robot.lookup("#preview-method").queryComboBox().getItems()).hasSize(2);
    }

    private void openFixturesAgain() {
        view.openModel(0, Fixtures.shared("torch_mlp_small_s7.safetensors"));
        view.openModel(1, Fixtures.shared("torch_mlp_small_s8.safetensors"));
    }

    static int distinctColours(BufferedImage img) {
        Set<Integer> c = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                c.add(img.getRGB(x, y));
            }
        }
        return c.size();
    }
}
