package org.lmcx.runner;

import org.lmcx.analysis.Interpolation;
import org.lmcx.io.CheckpointLoader;
import org.lmcx.io.DemoAssets;
import org.lmcx.model.Model;
import org.lmcx.session.DataRef;
import org.lmcx.session.MatchSummary;
import org.lmcx.session.Run;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's shipped runs against what this install computes: equal keys, and a check that notices changes. */
class ShippedRunsTest {

    private static List<Path> files() {
        return DemoAssets.MODELS.stream().map(m -> DemoAssets.demoDir().resolve(m)).toList();
    }

    private static List<Run> shipped() {
        return ShippedRuns.read(DemoAssets.demoDir().resolve(DemoAssets.SHIPPED_SESSION), DemoAssets.dataDir(),
                files());
    }

    @Test
    void shippedKeysEqualTheKeysThisInstallComputesForTheDemo() {
        List<Path> f = files();
        Model a = CheckpointLoader.load(f.get(0), null);
        Model b = CheckpointLoader.load(f.get(1), null);
        Model c = CheckpointLoader.load(f.get(2), null);
        ModelSet set = ModelSet.of(f.get(0), a, f.get(1), b, f.get(2), c);
        DataRef data = DataRef.first(DemoAssets.dataDir(), ShippedRuns.TRAIN_SIZE, ShippedRuns.TEST_SIZE);
        List<Run> runs = shipped();
        assertThat(runs.stream().map(r -> r.key()).toList()).containsExactlyElementsOf(
                ShippedRuns.demoRequests().stream().map(r -> AnalysisRunner.keyOf(set, data, r)).toList());
        assertThat(runs).allMatch(Run::ok);
    }

    @Test
    void aRunMatchesItselfButNotAnotherPermutationOrCurve() {
        Run wm = shipped().stream().filter(r -> r.key().method().equals("wm")).findFirst().orElseThrow();
        assertThat(ShippedRuns.sameResults(wm, wm)).isNull();

        MatchSummary m = wm.match();
        Map<String, int[]> perm = new LinkedHashMap<>(m.permutation());
        String layer = perm.keySet().iterator().next();
        int[] p = perm.get(layer).clone();
        int t = p[0];
        p[0] = p[1];
        p[1] = t;
        perm.put(layer, p);
        Run swapped = new Run(wm.key(), wm.finished(), wm.seconds(), new MatchSummary(m.objective(),
                m.identityObjective(), m.sweeps(), m.seconds(), m.l2Before(), m.l2After(), perm), wm.curve(),
                wm.spectra(), wm.alignment(), wm.hiddenAlignment(), wm.three(), wm.taylor(), wm.landscape(),
                wm.threeLandscape(), null);
        assertThat(ShippedRuns.sameResults(wm, swapped)).contains("permutation of " + layer);

        Interpolation.Result cv = wm.curve();
        Interpolation.SplitCurve test = cv.test();
        double[] loss = test.loss().clone();
        loss[loss.length / 2] *= 1.01;
        Interpolation.Result bent = new Interpolation.Result(cv.label(), cv.lambdas(), cv.train(),
                new Interpolation.SplitCurve(test.data(), loss, test.accuracy(), test.lossBarrier(),
                        test.lossBarrierMean(), test.accuracyBarrier(), test.accuracyBarrierMean()), cv.bnReset(),
                cv.seconds());
        Run moved = new Run(wm.key(), wm.finished(), wm.seconds(), m, bent, wm.spectra(), wm.alignment(),
                wm.hiddenAlignment(), wm.three(), wm.taylor(), wm.landscape(), wm.threeLandscape(), null);
        assertThat(ShippedRuns.sameResults(wm, moved)).startsWith("test loss at point " + loss.length / 2);
    }
}
