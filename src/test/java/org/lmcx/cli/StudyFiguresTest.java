package org.lmcx.cli;

import org.junit.jupiter.api.Test;
import org.lmcx.render.figure.Figure;
import org.lmcx.render.figure.FigureSpec;
import org.lmcx.study.Metrics;
import org.lmcx.study.Summary;
import org.lmcx.study.SummaryRow;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The study figures carry the summary's numbers: one series per method, one point and table row per width. */
class StudyFiguresTest {

    private static SummaryRow metric(String width, String method, String metric, double mean, double std) {
        return new SummaryRow(SummaryRow.METRIC, "mlp", width, method, metric, 3, mean, std, mean - std, mean + std,
                "", Double.NaN, Double.NaN);
    }

    @Test
    void barrierFigurePlotsMeansWithStdErrorBarsPerMethod() {
        List<SummaryRow> rows = new ArrayList<>();
        String[] widths = {"32", "64", "128"};
        for (int i = 0; i < widths.length; i++) {
            rows.add(metric(widths[i], "identity", Metrics.LOSS_BARRIER, 1.0 - 0.1 * i, 0.05));
            rows.add(metric(widths[i], "wm", Metrics.LOSS_BARRIER, 0.4 - 0.1 * i, 0.02));
        }
        List<FigureSpec> figs = StudyFigures.all(new Summary("t", 6, 6, rows));
        assertThat(figs).extracting(FigureSpec::stem).contains("mlp_barrier_vs_width", "mlp_taylor_estimate_vs_actual",
                "mlp_three_models", "mlp_permutation_agreement", "mlp_large_sv_ratio_vs_width",
                "mlp_hidden_inner_vs_width", "mlp_large_sv_vs_merged_loss", "mlp_l2_vs_barrier_reduction");
        FigureSpec barrier = figs.stream().filter(f -> f.stem().equals("mlp_barrier_vs_width")).findFirst()
                .orElseThrow();
        Figure.Xy panel = (Figure.Xy) barrier.figure().panels().get(0);
        assertThat(panel.series()).extracting(Figure.Series::label).containsExactly("identity", "wm");
        Figure.Series wm = panel.series().get(1);
        assertThat(wm.x()).containsExactly(32, 64, 128);
        assertThat(wm.y()).containsExactly(0.4 - 0.1 * 0, 0.4 - 0.1 * 1, 0.4 - 0.1 * 2);
        assertThat(wm.yError()).containsExactly(0.02, 0.02, 0.02);
        assertThat(barrier.table().rows()).hasSize(6);
    }
}
