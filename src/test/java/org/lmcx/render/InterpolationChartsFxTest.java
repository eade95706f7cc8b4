package org.lmcx.render;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.renderer.Renderer;
import io.fair_acc.chartfx.ui.css.DataSetNode;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmcx.session.TestRuns;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Hiding a curve (what a click on its ChartFX legend entry does) hides its barrier and rescales the y axis. */
@ExtendWith(ApplicationExtension.class)
class InterpolationChartsFxTest {

    private InterpolationCharts charts;

    @Start
    void start(Stage stage) {
        charts = new InterpolationCharts();
        // Loss peaks: 0.45 for "low", 2.35 for "high"; train curves lie 0.05 below.
        charts.setRuns(List.of(TestRuns.curve("low", 0.1), TestRuns.curve("high", 2.0)));
        stage.setScene(new Scene(new StackPane(charts.lossChart()), 800, 500));
        stage.show();
    }

    @Test
    void hidingTheHighCurvesHidesTheirBarrierAndShrinksTheAxisToTheLowOnes(FxRobot robot) {
        XYChart loss = charts.lossChart();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(loss.getYAxis().getMax()).isGreaterThan(2.3);
        Renderer lines = loss.getRenderers().get(0);
        Renderer notes = loss.getRenderers().get(1);
        assertThat(notes.getDatasetNodes()).hasSize(2).allMatch(DataSetNode::isVisible);

        robot.interact(() -> lines.getDatasetNodes().stream()
                .filter(n -> n.getDataSet().getName().startsWith("high"))
                .forEach(n -> n.setVisible(false)));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(notes.getDatasetNodes()).filteredOn(n -> n.getDataSet().getName().startsWith("high"))
                .singleElement().matches(n -> !n.isVisible(), "hidden");
        assertThat(notes.getDatasetNodes()).filteredOn(n -> n.getDataSet().getName().startsWith("low"))
                .singleElement().matches(DataSetNode::isVisible, "shown");
        // The low curves span [0.30, 0.45]; the axis pads by 3 %.
        assertThat(loss.getYAxis().getMax()).isBetween(0.45, 0.47);
        assertThat(loss.getYAxis().getMin()).isBetween(0.28, 0.30);

        robot.interact(() -> lines.getDatasetNodes().forEach(n -> n.setVisible(true)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(notes.getDatasetNodes()).allMatch(DataSetNode::isVisible);
        assertThat(loss.getYAxis().getMax()).isGreaterThan(2.3);
    }
}
