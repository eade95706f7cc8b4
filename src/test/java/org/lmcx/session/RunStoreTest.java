package org.lmcx.session;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunStoreTest {

    @Test
    void twoWmRunsWithDifferentSeedsBothStayWithDistinctLabels() {
        RunStore store = new RunStore();
        List<RunStore.Change> changes = new ArrayList<>();
        store.addListener(changes::add);
        Run s0 = TestRuns.run("wm", Map.of(), 0, false, 0.1);
        Run s1 = TestRuns.run("wm", Map.of(), 1, false, 0.2);
        store.add(s0);
        store.add(s1);
        assertThat(store.all()).containsExactly(s0, s1);
        assertThat(store.get(s0.key())).contains(s0);
        assertThat(store.get(s1.key())).contains(s1);
        assertThat(s0.label()).isEqualTo("wm · seed 0");
        assertThat(s1.label()).isEqualTo("wm · seed 1");
        assertThat(s0.key().modelSetId()).isEqualTo(s1.key().modelSetId());
        assertThat(store.forModelSet(s0.key().modelSetId())).hasSize(2);
        assertThat(store.forModelSet("other")).isEmpty();
        assertThat(changes).extracting(RunStore.Change::added).containsExactly(s0, s1);

        // The same key again replaces (and reports the replaced run); removing fires too.
        Run again = TestRuns.run("wm", Map.of(), 0, false, 0.3);
        assertThat(store.add(again)).isEqualTo(s0);
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.remove(s1.key())).isTrue();
        assertThat(changes.get(changes.size() - 1).removed()).isEqualTo(s1);
        assertThat(store.byId(again.key().id())).contains(again);
    }

    @Test
    void keysCompleteOptionsWithDefaultsAndLabelsAddOnlyTheFieldsThatDiffer() {
        RunKey given = RunKey.resolve(TestRuns.A, TestRuns.B, null, TestRuns.DATA, "wm", Map.of("max_iter", "100"),
                0, false, new double[]{0, 0.5, 1});
        RunKey defaulted = RunKey.resolve(TestRuns.A, TestRuns.B, null, TestRuns.DATA, "WM", Map.of(), 0, false,
                new double[]{0, 0.5, 1});
        assertThat(given).isEqualTo(defaulted);
        assertThat(given.id()).isEqualTo(defaulted.id());
        RunKey other = RunKey.resolve(TestRuns.A, TestRuns.B, null, TestRuns.DATA, "wm", Map.of("max_iter", "5"), 0,
                false, new double[]{0, 0.5, 1});
        assertThat(other).isNotEqualTo(given);
        assertThat(other.id()).isNotEqualTo(given.id());
        assertThat(RunKey.labels(List.of(given, other))).containsExactly("wm · seed 0 · max_iter=100",
                "wm · seed 0 · max_iter=5");
        assertThat(given.describe()).contains("sha256 " + TestRuns.A.sha256()).contains("max_iter=100")
                .contains("BN reset: off");
        // A twin file with the same weights is the same model.
        ModelRef twin = new ModelRef("/elsewhere/a.pt", TestRuns.A.sha256(), "mlp[2]");
        RunKey viaTwin = RunKey.resolve(twin, TestRuns.B, null, TestRuns.DATA, "wm", Map.of(), 0, false,
                new double[]{0, 0.5, 1});
        assertThat(viaTwin).isEqualTo(given);
    }

    @Test
    void nonFiniteNumbersAreReportedWithWhereTheyAre() {
        Run ok = TestRuns.run("wm", Map.of(), 0, false, 0.1);
        assertThat(ok.firstNonFinite()).isNull();
        double[] loss = ok.curve().test().loss();
        loss[5] = Double.NaN;
        var t = ok.curve().test();
        var bad = new org.lmcx.analysis.Interpolation.Result("wm", ok.curve().lambdas(), ok.curve().train(),
                new org.lmcx.analysis.Interpolation.SplitCurve("test", loss, t.accuracy(), t.lossBarrier(),
                        t.lossBarrierMean(), t.accuracyBarrier(), t.accuracyBarrierMean()), false, 1);
        Run r = new Run(ok.key(), ok.finished(), 1, ok.match(), bad, null, null, null, null, null, null, null, null);
        assertThat(r.firstNonFinite()).contains("test loss").contains("NaN").contains("λ = 0.500");
        Run failed = r.withFailure(r.firstNonFinite());
        assertThat(failed.ok()).isFalse();
        assertThat(failed.testLossBarrier()).isNaN();
    }
}
