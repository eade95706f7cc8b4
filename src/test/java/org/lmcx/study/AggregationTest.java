package org.lmcx.study;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The aggregation on a fixed table whose statistics were worked out by hand: means, sample standard deviations,
 * t intervals (t quantiles from tables) and paired t-tests (p-values from the closed-form t CDFs for 2 and 3
 * degrees of freedom), independent of Commons Math.
 */
class AggregationTest {

    private static final double T975_DF2 = 4.302652729911275;

    private static CellResult pair(String method, int set, long mseed, Map<String, Double> metrics,
                                   Map<String, int[]> perm) {
        return new CellResult(CellResult.FORMAT, method + set + mseed, null, "mlp", "64", "PAIR",
                List.of(0L, (long) set), method, mseed, metrics, perm, "test", 1, "here");
    }

    private static CellResult triple(String method, int set, double pbpc) {
        return new CellResult(CellResult.FORMAT, method + "t" + set, null, "mlp", "64", "TRIPLE",
                List.of(0L, (long) set, 9L), method, 0, Map.of(Metrics.THREE_PB_PC, pbpc), Map.of(), "test", 1,
                "here");
    }

    private static List<CellResult> table() {
        List<CellResult> t = new ArrayList<>();
        double[] identity = {1.0, 1.2, 1.4};
        double[][] wm = {{0.4, 0.6}, {0.5, 0.5}, {0.9, 0.7}};
        double[] est = {1.0, 2.0, 3.0};
        double[] act = {0.8, 1.7, 2.9};
        for (int s = 0; s < 3; s++) {
            t.add(pair("identity", s + 1, 0, Map.of(Metrics.LOSS_BARRIER, identity[s]), Map.of()));
            for (int m = 0; m < 2; m++) {
                t.add(pair("wm", s + 1, m, Map.of(Metrics.LOSS_BARRIER, wm[s][m]), Map.of("P0", new int[]{0, 1, 2, 3})));
            }
            t.add(pair("am", s + 1, 0, Map.of(Metrics.TAYLOR_ESTIMATE, est[s], Metrics.TAYLOR_ACTUAL, act[s]),
                    Map.of("P0", s == 0 ? new int[]{0, 2, 1, 3} : new int[]{0, 1, 2, 3})));
        }
        t.add(triple("wm", 1, 0.3));
        t.add(triple("wm", 2, 0.4));
        t.add(triple("wm", 3, 0.8));
        t.add(triple("ste", 1, 0.5));
        t.add(triple("ste", 2, 0.5));
        t.add(triple("ste", 3, 1.1));
        return t;
    }

    private static SummaryRow row(List<SummaryRow> rows, String kind, String method, String metric) {
        return rows.stream().filter(r -> r.kind().equals(kind) && r.method().equals(method)
                && r.metric().equals(metric)).findFirst().orElseThrow(() -> new AssertionError(kind + " " + method
                + " " + metric + " missing from " + rows));
    }

    @Test
    void meanStdAndTIntervalOverCells() {
        List<SummaryRow> rows = Aggregation.summarize(table(), List.of("wm", "ste"));
        SummaryRow id = row(rows, SummaryRow.METRIC, "identity", Metrics.LOSS_BARRIER);
        // 1.0, 1.2, 1.4: mean 1.2, std sqrt((0.04 + 0 + 0.04) / 2) = 0.2, half-width 4.3027 · 0.2 / √3
        assertThat(id.n()).isEqualTo(3);
        assertThat(id.mean()).isCloseTo(1.2, within(1e-12));
        assertThat(id.std()).isCloseTo(0.2, within(1e-12));
        assertThat(id.ciLow()).isCloseTo(1.2 - T975_DF2 * 0.2 / Math.sqrt(3), within(1e-9));
        assertThat(id.ciHigh()).isCloseTo(1.2 + T975_DF2 * 0.2 / Math.sqrt(3), within(1e-9));
        SummaryRow wm = row(rows, SummaryRow.METRIC, "wm", Metrics.LOSS_BARRIER);
        // six cells: 0.4 0.6 0.5 0.5 0.9 0.7, mean 0.6, Σ(x − x̄)² = 0.04+0+0.01+0.01+0.09+0.01 = 0.16
        assertThat(wm.n()).isEqualTo(6);
        assertThat(wm.mean()).isCloseTo(0.6, within(1e-12));
        assertThat(wm.std()).isCloseTo(Math.sqrt(0.16 / 5), within(1e-12));
    }

    @Test
    void barrierReductionAgainstIdentityOfTheSamePair() {
        List<SummaryRow> rows = Aggregation.summarize(table(), List.of());
        SummaryRow red = row(rows, SummaryRow.METRIC, "wm", Metrics.BARRIER_REDUCTION);
        // per cell 100·(id − wm)/id: 60, 40, 58.33, 58.33, 35.71, 50
        double[] v = {60, 40, 100 * 0.7 / 1.2, 100 * 0.7 / 1.2, 100 * 0.5 / 1.4, 100 * 0.7 / 1.4};
        double mean = (v[0] + v[1] + v[2] + v[3] + v[4] + v[5]) / 6;
        assertThat(red.mean()).isCloseTo(mean, within(1e-9));
    }

    @Test
    void methodVsIdentityPairsModelSetsAfterAveragingMatchingSeeds() {
        List<SummaryRow> rows = Aggregation.summarize(table(), List.of());
        SummaryRow t = row(rows, SummaryRow.TEST, "wm vs identity", Metrics.LOSS_BARRIER);
        // per set wm − identity: 0.5−1.0, 0.5−1.2, 0.8−1.4 = −0.5, −0.7, −0.6; mean −0.6, sd 0.1, t = −0.6/(0.1/√3)
        double tStat = -0.6 / (0.1 / Math.sqrt(3));
        // Student t, 2 df: P(|T| > |t|) = 1 − |t|/√(2 + t²)
        double p = 1 - Math.abs(tStat) / Math.sqrt(2 + tStat * tStat);
        assertThat(t.n()).isEqualTo(3);
        assertThat(t.mean()).isCloseTo(-0.6, within(1e-12));
        assertThat(t.std()).isCloseTo(0.1, within(1e-12));
        assertThat(t.statistic()).isCloseTo(tStat, within(1e-9));
        assertThat(t.pValue()).isCloseTo(p, within(1e-9));
        assertThat(t.test()).contains("paired t-test");
    }

    @Test
    void taylorEstimateAgainstActualBarrier() {
        List<SummaryRow> rows = Aggregation.summarize(table(), List.of());
        SummaryRow t = row(rows, SummaryRow.TEST, "am", Metrics.TAYLOR_ESTIMATE + "-" + Metrics.TAYLOR_ACTUAL);
        // differences 0.2, 0.3, 0.1: mean 0.2, sd 0.1, t = 0.2/(0.1/√3) = 3.4641, 2 df
        double tStat = 0.2 / (0.1 / Math.sqrt(3));
        assertThat(t.statistic()).isCloseTo(tStat, within(1e-9));
        assertThat(t.pValue()).isCloseTo(1 - tStat / Math.sqrt(2 + tStat * tStat), within(1e-9));
    }

    @Test
    void threeModelBarriersOfTwoMethodsArePaired() {
        List<SummaryRow> rows = Aggregation.summarize(table(), List.of("wm", "ste"));
        SummaryRow t = row(rows, SummaryRow.TEST, "wm vs ste", Metrics.THREE_PB_PC);
        // wm − ste: −0.2, −0.1, −0.3: mean −0.2, sd 0.1
        assertThat(t.n()).isEqualTo(3);
        assertThat(t.mean()).isCloseTo(-0.2, within(1e-12));
        double tStat = -0.2 / (0.1 / Math.sqrt(3));
        assertThat(t.pValue()).isCloseTo(1 - Math.abs(tStat) / Math.sqrt(2 + tStat * tStat), within(1e-9));
    }

    @Test
    void pairedTestWithThreeDegreesOfFreedom() {
        Statistics.PairedTest t = Statistics.paired(new double[]{1.0, 2.0, 3.0, 4.0},
                new double[]{0.8, 1.7, 2.9, 3.5});
        // d = 0.2, 0.3, 0.1, 0.5: mean 0.275, var = 0.0875/3, t = 0.275/√(var/4)
        double tStat = 0.275 / Math.sqrt(0.0875 / 3 / 4);
        // Student t, 3 df: F(t) = 1/2 + (1/π)(u/(1+u²) + atan u), u = t/√3
        double u = tStat / Math.sqrt(3);
        double p = 2 * (0.5 - (u / (1 + u * u) + Math.atan(u)) / Math.PI);
        assertThat(t.t()).isCloseTo(tStat, within(1e-9));
        assertThat(t.p()).isCloseTo(p, within(1e-9));
    }

    @Test
    void permutationAgreementCountsSharedRowsPerGroup() {
        List<SummaryRow> rows = Aggregation.summarize(table(), List.of());
        // wm (seeds 0 and 1) vs am (seed 0) meet on matching seed 0 only: set 1 shares 2 of 4 rows, sets 2, 3 all
        SummaryRow ratio = row(rows, SummaryRow.AGREEMENT, "wm-am", "ratio:P0");
        SummaryRow count = row(rows, SummaryRow.AGREEMENT, "wm-am", "rows:P0");
        assertThat(ratio.n()).isEqualTo(3);
        assertThat(ratio.mean()).isCloseTo((0.5 + 1 + 1) / 3, within(1e-12));
        assertThat(count.mean()).isCloseTo((2 + 4 + 4) / 3.0, within(1e-12));
    }

    @Test
    void fewerThanTwoValuesHaveNoSpreadAndCsvLeavesThemEmpty() {
        Statistics.Described d = Statistics.describe(new double[]{0.7});
        assertThat(d.n()).isEqualTo(1);
        assertThat(d.std()).isNaN();
        Summary s = new Summary("x", 1, 1, List.of(SummaryRow.of(SummaryRow.METRIC, "mlp", "64", "wm",
                Metrics.LOSS_BARRIER, d)));
        String[] lines = s.toCsv().split("\n", -1);
        assertThat(lines[0]).isEqualTo(String.join(",", Summary.COLUMNS));
        assertThat(lines[1]).isEqualTo("metric,mlp,64,wm,test_loss_barrier,1,0.7,,,,,,");
        assertThat(lines[1].split(",", -1)).hasSize(Summary.COLUMNS.size());
    }
}
