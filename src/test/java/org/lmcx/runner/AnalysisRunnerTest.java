package org.lmcx.runner;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lmcx.Fixtures;
import org.lmcx.analysis.HiddenInputAlignment;
import org.lmcx.analysis.Interpolation;
import org.lmcx.analysis.TaylorEstimate;
import org.lmcx.io.CheckpointLoader;
import org.lmcx.model.Model;
import org.lmcx.model.PermutationSpec;
import org.lmcx.session.DataRef;
import org.lmcx.session.Run;
import org.lmcx.session.RunStore;
import org.lmcx.task.Monitor;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner on the small PyTorch MLP fixtures and Fashion-MNIST subsets. */
@Tag("slow")
class AnalysisRunnerTest {

    private static ModelSet pair;
    private static ModelSet triple;
    private static DataContext data;
    private static final double[] GRID = Interpolation.grid(0, 1, 3);

    @BeforeAll
    static void load() throws Exception {
        Model a = CheckpointLoader.load(Fixtures.shared("torch_mlp_small_s7.safetensors"), null);
        Model b = CheckpointLoader.load(Fixtures.shared("torch_mlp_small_s8.safetensors"), null);
        // C: B with its hidden units shuffled (same function, other weights order).
        PermutationSpec spec = PermutationSpec.of(b.architecture());
        Model c = spec.apply(b, spec.random(5), "c_shuffled");
        pair = ModelSet.of(a, b, null);
        triple = ModelSet.of(a, b, c);
        data = DataContext.load(DataRef.first(Fixtures.requireFashionMnist(), 200, 200));
    }

    private static RunRequest wm(long seed, boolean bn, Analyses an) {
        return new RunRequest("wm", Map.of(), seed, bn, GRID, 200, an);
    }

    @Test
    void oneRunBuildsPiOfBExactlyOnceForEveryAnalysis() {
        AnalysisRunner runner = new AnalysisRunner(new RunStore());
        Analyses all = Analyses.NONE.withSpectra().withAlignment(4)
                .withHidden(new HiddenInputAlignment.Options(4, 100, 50, false, 0))
                .withTaylor(new TaylorEstimate.Options(TaylorEstimate.DEFAULT_EPSILON, 200)).withLandscape(3, false);
        long before = PermutationSpec.applications();
        Run r = runner.run(pair, data, List.of(wm(0, false, all)), Monitor.NONE).get(0);
        assertThat(PermutationSpec.applications() - before).isEqualTo(1);
        assertThat(r.ok()).as(r.failure()).isTrue();
        assertThat(r.spectra()).isNotNull();
        assertThat(r.alignment().requestedK()).isEqualTo(4);
        assertThat(r.hiddenAlignment()).isNotNull();
        assertThat(r.taylor()).isNotNull();
        assertThat(r.landscape().complete()).isTrue();
        // The GUI gets the π(B) the run built, without permuting again.
        Permuted p = runner.permuted(pair, r);
        assertThat(PermutationSpec.applications() - before).isEqualTo(1);
        assertThat(p.pb().tensors()).isNotEqualTo(pair.b().tensors());

        // With C: π(C) once more, and the three-model rows of a real matching are matched.
        long three = PermutationSpec.applications();
        Run t = runner.run(triple, data, List.of(wm(0, false, Analyses.NONE.withThree())), Monitor.NONE).get(0);
        assertThat(PermutationSpec.applications() - three).isEqualTo(2);
        assertThat(t.three().pairs()).extracting(x -> x.matched()).containsExactly(true, true, false);
        Run id = runner.run(triple, data, List.of(new RunRequest("identity", Map.of(), 0, false, GRID, 200,
                Analyses.NONE.withThree())), Monitor.NONE).get(0);
        assertThat(id.three().pairs()).noneMatch(x -> x.matched());
        // C is B shuffled: both matched to A, they are far closer to each other than as they came.
        assertThat(t.three().pairs().get(2).testLossBarrier())
                .isLessThan(id.three().pairs().get(2).testLossBarrier() / 3);
    }

    @Test
    void anEqualKeyReusesTheStoredRunAndAnotherSeedOrBnFlagMakesANewOne() {
        RunStore store = new RunStore();
        AnalysisRunner runner = new AnalysisRunner(store);
        Run first = runner.run(pair, data, List.of(wm(0, false, Analyses.NONE)), Monitor.NONE).get(0);
        long before = PermutationSpec.applications();
        Run again = runner.run(pair, data, List.of(wm(0, false, Analyses.NONE)), Monitor.NONE).get(0);
        assertThat(again).isSameAs(first);
        assertThat(PermutationSpec.applications()).isEqualTo(before);
        assertThat(store.size()).isEqualTo(1);

        Run seed1 = runner.run(pair, data, List.of(wm(1, false, Analyses.NONE)), Monitor.NONE).get(0);
        Run bn = runner.run(pair, data, List.of(wm(0, true, Analyses.NONE)), Monitor.NONE).get(0);
        assertThat(seed1).isNotSameAs(first);
        assertThat(bn).isNotSameAs(first);
        assertThat(store.all()).containsExactly(first, seed1, bn);
        assertThat(store.all()).extracting(Run::label)
                .containsExactly("wm · seed 0", "wm · seed 1", "wm · seed 0 · BN reset");

        // Asking the stored run for one more analysis adds it from the saved permutation, without matching.
        long beforeSpectra = PermutationSpec.applications();
        Run withSpectra = runner.run(pair, data, List.of(wm(0, false, Analyses.NONE.withSpectra())), Monitor.NONE)
                .get(0);
        assertThat(withSpectra.spectra()).isNotNull();
        assertThat(withSpectra.match()).isEqualTo(first.match());
        assertThat(withSpectra.curve()).isSameAs(first.curve());
        assertThat(PermutationSpec.applications()).isEqualTo(beforeSpectra);
        assertThat(store.size()).isEqualTo(3);
    }
}
