package org.lmcx.analysis;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lmcx.TestModels;
import org.lmcx.TinyTraining;
import org.lmcx.match.MatchContext;
import org.lmcx.match.WeightMatching;
import org.lmcx.model.Architecture;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.model.PermutationSpec;
import org.lmcx.model.Tensor;
import org.lmcx.task.Monitor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("backend")
class ThreeModelsTest {

    static Model noisy(Model m, double std, long seed) {
        Random rnd = new Random(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        m.parameters().forEach((k, t) -> {
            float[] x = t.data().clone();
            for (int i = 0; i < x.length; i++) {
                x[i] += (float) (std * rnd.nextGaussian());
            }
            out.put(k, t.withData(x));
        });
        return m.withTensors(m.source() + " + noise", out);
    }

    @Test
    void permutedCopiesMatchedToOneReferenceAreConnectedPairwise() {
        Architecture arch = TestModels.mlp();
        PermutationSpec spec = PermutationSpec.derive(arch);
        Dataset data = TinyTraining.clusters(arch, 128, 1);
        Model a = TinyTraining.sgd(TestModels.random(arch, 1), data, 8, 32, 0.2);
        Model b = noisy(spec.apply(a, spec.random(2), "π1(a)"), 0.01, 3);
        Model c = noisy(spec.apply(a, spec.random(4), "π2(a)"), 0.01, 5);
        ThreeModels.Result r = ThreeModels.run(a, b, c, new WeightMatching(), MatchContext.of(0), null, data,
                new Interpolation.Options(Interpolation.grid(0, 1, 5), false, 128), true, Monitor.NONE);
        assertThat(r.pairs()).extracting(ThreeModels.Pair::label)
                .containsExactly("a–π(b)", "a–π(c)", "π(b)–π(c)", "a–b", "a–c", "b–c");
        double unmatched = r.pairs().get(5).testLossBarrier();
        assertThat(unmatched).isGreaterThan(0.05);
        for (int i = 0; i < 3; i++) {
            // a–π(b) and a–π(c) were matched; π(b)–π(c) never was (both went to A), however small its barrier.
            assertThat(r.pairs().get(i).matched()).isEqualTo(i < 2);
            assertThat(r.pairs().get(i).testLossBarrier()).as(r.pairs().get(i).label()).isLessThan(0.1 * unmatched);
        }
        assertThat(r.matchB().method()).isEqualTo("wm");
    }
}
