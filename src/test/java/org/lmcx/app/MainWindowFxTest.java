package org.lmcx.app;

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
import org.lmcx.render.SessionData;
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
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {

    private ComputeTaskService compute;
    private ComputeTaskService preview;
    private MainViewModel vm;
    private MainView view;
    private FxStallMonitor stalls;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws Exception {
        compute = new ComputeTaskService(1);
        preview = new ComputeTaskService(1);
        vm = new MainViewModel(new FxTaskAdapter(compute, Platform::runLater), preview);
        RecentFiles recent = new RecentFiles(Preferences.userRoot().node("org/lmcx/app/test-recent"));
        view = new MainView(vm, stage, recent);
        // Monocle headless screen defaults to 1280×800; a larger window overflows its pixel buffer.
        stage.setScene(view.scene(1240, 780));
        stage.show();
        stalls = new FxStallMonitor();
        stalls.start();
    }

    @AfterEach
    void tearDown() {
        compute.close();
        preview.close();
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
            vm.dataDirProperty().set(Fixtures.requireFashionMnist().toString());
            vm.trainSizeProperty().set(500);
            vm.testSizeProperty().set(1000);
            vm.lambdaPointsProperty().set(11);
            vm.methods().forEach(m -> m.enabledProperty().set(m.name().equals("wm")));
        });
        waitUntil("both models loaded", 60,
                () -> vm.slot(0).getModel() != null && vm.slot(1).getModel() != null);
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
                () -> vm.runs().stream().anyMatch(r -> r.method().equals("wm")));
        XYChart loss = robot.lookup("#loss-chart").queryAs(XYChart.class);
        waitUntil("loss chart has data", 10, () -> loss.getRenderers().get(0).getDatasets().size() >= 2);
        SessionData.RunData wm = vm.runs().get(0);
        assertThat(wm.curve().test().lossBarrier().value()).isLessThan(0.1);

        // The readout appears, then follows a drag of the slider.
        waitUntil("first readout", 60, () -> !Double.isNaN(vm.readoutLossProperty().get()));
        String before = robot.lookup("#readout").queryAs(Label.class).getText();
        double lambdaBefore = vm.lambdaProperty().get();
        Slider slider = robot.lookup("#lambda-slider").queryAs(Slider.class);
        stalls.reset();
        robot.drag(slider.lookup(".thumb")).moveBy(-120, 0).moveBy(60, 0).moveBy(-60, 0).drop();
        assertThat(vm.lambdaProperty().get()).isLessThan(lambdaBefore);
        double target = vm.lambdaProperty().get();
        waitUntil("readout for the dragged λ", 30, () -> robot.lookup("#readout").queryAs(Label.class).getText()
                .contains(String.format(java.util.Locale.ROOT, "λ=%.3f", target)));
        assertThat(robot.lookup("#readout").queryAs(Label.class).getText()).isNotEqualTo(before);
        double[] st = vm.preview().latencyStats();
        System.out.printf("slider preview latency: %d readouts, median %.1f ms, mean %.1f ms, max %.1f ms"
                        + " (warm-up %.1f ms); longest FX pulse gap during the drag %.1f ms%n", (long) st[0], st[3],
                st[1], st[2], st[4], stalls.maxGapMs());

        // Export the Interpolation view at 2×: right size, not blank.
        var future = new java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<List<Path>>>();
        robot.interact(() -> future.set(view.exportCurrentView(tmp, 600, 400, 2.0)));
        List<Path> files = future.get().get(60, TimeUnit.SECONDS);
        Path png = files.stream().filter(p -> p.getFileName().toString().equals("interpolation_loss.png"))
                .findFirst().orElseThrow();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(img.getHeight()).isEqualTo(800);
        assertThat(distinctColours(img)).isGreaterThan(20);
        assertThat(files).anyMatch(p -> p.getFileName().toString().equals("interpolation_loss.csv"));

        // A long job can be cancelled from its row; the WM result stays.
        robot.interact(() -> {
            vm.lambdaPointsProperty().set(201);
            vm.testSizeProperty().set(10000);
            vm.methods().forEach(m -> m.enabledProperty().set(m.name().equals("identity")));
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
        assertThat(vm.runs()).extracting(SessionData.RunData::method).containsExactly("wm");
        System.out.printf("longest FX pulse gap while a job ran: %.1f ms%n", stallDuringJob);
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
