package org.lmcx.render;

import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.axes.spi.TickMark;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmcx.render.figure.AxisTicks;
import org.lmcx.session.SpectrumSet;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The on-screen log axis of the spectra ticks and labels like the exported figures (AxisTicks.log). */
@ExtendWith(ApplicationExtension.class)
class SpectraChartFxTest {

    private SpectraChart spectra;

    @Start
    void start(Stage stage) {
        spectra = new SpectraChart();
        stage.setScene(new Scene(new StackPane(spectra.chart()), 800, 500));
        stage.show();
    }

    private List<String> labelsFor(FxRobot robot, double... values) {
        robot.interact(() -> {
            spectra.setSpectra(new SpectrumSet("fc1.weight", List.of(new SpectrumSet.Series("A", values))));
            spectra.setLogScale(true);
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();
        DefaultNumericAxis y = (DefaultNumericAxis) spectra.chart().getYAxis();
        List<String> shown = y.getTickMarks().stream().map(TickMark::getText).filter(t -> !t.isEmpty()).toList();
        List<String> expected = AxisTicks.log(y.getMin(), y.getMax()).stream().map(AxisTicks.Tick::label)
                .filter(t -> !t.isEmpty()).toList();
        assertThat(shown).isEqualTo(expected);
        return shown;
    }

    @Test
    void underTwoDecadesTwosAndFivesAreLabelledToo(FxRobot robot) {
        assertThat(labelsFor(robot, 30, 12, 6, 3, 1.5, 0.8))
                .containsExactly("1", "2", "5", "10", "20");
    }

    @Test
    void overManyDecadesOnlyDecadesAreLabelled(FxRobot robot) {
        assertThat(labelsFor(robot, 200, 40, 3, 0.5, 0.02, 0.004))
                .containsExactly("0.01", "0.1", "1", "10", "100");
    }
}
