package org.lmcx.app;

import io.fair_acc.chartfx.XYChart;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmcx.session.ModelRef;
import org.lmcx.session.SessionData;
import org.lmcx.session.TestRuns;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window at 1024×768 with every view filled (a synthetic session: two runs, a landscape, spectra and
 * alignment maps): every chart keeps a plot area at least 200 px tall and wide, whatever its legend holds.
 */
@ExtendWith(ApplicationExtension.class)
class SmallWindowFxTest {

    private AppWindow window;
    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) {
        window = new AppWindow(stage, "org/lmcx/app/test-recent-small", 1024, 768);
        vm = window.vm;
        view = window.view;
        vm.setErrorSink(m -> { });
    }

    @AfterEach
    void tearDown() {
        window.close();
    }

    @Test
    void everyChartHasAPlotAreaOfAtLeast200PxAt1024x768(FxRobot robot) throws Exception {
        SessionData s = TestRuns.session();
        // The demo's models, hash-less (as a migrated session has them), so the session's runs resolve to the
        // models once they are open and every view shows them.
        java.nio.file.Path demo = org.lmcx.io.DemoAssets.demoDir();
        ModelRef a = new ModelRef(demo.resolve(org.lmcx.io.DemoAssets.MODELS.get(0)).toString(), null, null);
        ModelRef b = new ModelRef(demo.resolve(org.lmcx.io.DemoAssets.MODELS.get(1)).toString(), null, null);
        List<org.lmcx.session.Run> runs = new ArrayList<>();
        for (org.lmcx.session.Run r : s.runs()) {
            org.lmcx.session.RunKey k = r.key();
            runs.add(r.withKey(new org.lmcx.session.RunKey(a, b, null, null, k.data(), k.method(), k.options(),
                    k.seed(), k.bnReset(), k.lambdas(), k.version())));
        }
        robot.interact(() -> vm.session().applySession(SessionData.of(java.util.Arrays.asList(a, b, null), s.data(),
                s.methods(), runs, new SessionData.UiState(0.5, List.of(), null))));
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS,
                () -> vm.models().slot(0).getModel() != null && vm.models().slot(1).getModel() != null);
        WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS,
                () -> !vm.runs().shownPairs().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        XYChart loss = robot.lookup("#loss-chart").queryAs(XYChart.class);
        // Two runs, test and train: four legend entries competing for the plot's room.
        assertThat(loss.getRenderers().get(0).getDatasets()).hasSizeGreaterThanOrEqualTo(4);
        List<String> measured = new ArrayList<>();
        for (Tab tab : view.tabs().getTabs()) {
            robot.interact(() -> view.tabs().getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            for (Node n : tab.getContent().lookupAll(".lmcx-chart")) {
                XYChart c = (XYChart) n;
                double h = c.getCanvas().getHeight();
                double w = c.getCanvas().getWidth();
                measured.add(String.format(java.util.Locale.ROOT, "%s/%s: %.0f×%.0f", tab.getText(), c.getTitle(), w, h));
                assertThat(h).as(tab.getText() + " / " + c.getTitle() + " plot height").isGreaterThanOrEqualTo(200);
                assertThat(w).as(tab.getText() + " / " + c.getTitle() + " plot width").isGreaterThanOrEqualTo(200);
            }
        }
        System.out.println("plot areas at 1024×768: " + measured);
        assertThat(measured).hasSizeGreaterThanOrEqualTo(5);
    }
}
