package org.lmcx.match;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.lmcx.TestModels;
import org.lmcx.model.Architecture;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;
import org.lmcx.model.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActivationMatchingTest {

    static Stream<Arguments> families() {
        return Stream.of(
                Arguments.of("mlp", TestModels.mlp()),
                Arguments.of("custom conv+bn", TestModels.convBn()),
                Arguments.of("resnet20", TestModels.resnet20()));
    }

    static Model noisy(Model m, double std, long seed) {
        Random rnd = new Random(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        m.parameters().forEach((k, t) -> {
            if (k.endsWith("running_var") || k.endsWith("running_mean")) {
                return;
            }
            float[] x = t.data().clone();
            for (int i = 0; i < x.length; i++) {
                x[i] += (float) (std * rnd.nextGaussian());
            }
            out.put(k, t.withData(x));
        });
        return m.withTensors(m.source() + " + noise", out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void amAndWmRecoverAHiddenPermutation(String name, Architecture arch) {
        PermutationSpec spec = PermutationSpec.derive(arch);
        Model a = TestModels.random(arch, 1);
        Permutation hidden = spec.random(17);
        assertThat(hidden.isIdentity()).isFalse();
        Model b = noisy(spec.apply(a, hidden, "π(a)"), 1e-3, 2);
        Dataset data = TestModels.gaussianInputs(a, 24, 3);
        MatchContext ctx = new MatchContext(0, data, null, Map.of("samples", "24", "batch", "24"));

        // b's unit i is a's unit hidden[i]; the permutation that brings b back onto a is hidden⁻¹.
        MatchResult am = new ActivationMatching().match(a, b, ctx);
        assertThat(am.permutation()).isEqualTo(hidden.inverse());
        assertThat(am.distances().after()).isLessThan(am.distances().before());
        assertThat(am.method()).isEqualTo("am");

        MatchResult wm = new WeightMatching().match(a, b, MatchContext.of(0));
        assertThat(wm.permutation()).isEqualTo(hidden.inverse());
    }

    @Test
    void productCostAlsoRecoversItOnAnMlp() {
        Architecture arch = TestModels.mlp();
        PermutationSpec spec = PermutationSpec.derive(arch);
        Model a = TestModels.random(arch, 5);
        Permutation hidden = spec.random(6);
        Model b = noisy(spec.apply(a, hidden, "π(a)"), 1e-3, 7);
        Dataset data = TestModels.gaussianInputs(a, 256, 8);
        MatchResult am = new ActivationMatching().match(a, b,
                new MatchContext(0, data, null, Map.of("cost", "product")));
        assertThat(am.permutation()).isEqualTo(hidden.inverse());
    }

    @Test
    void needsDataAndIsRegistered() {
        Model a = TestModels.random(TestModels.mlp(), 1);
        assertThatThrownBy(() -> new ActivationMatching().match(a, a, MatchContext.of(0)))
                .hasMessageContaining("training data");
        assertThat(Matchers.get("am")).isInstanceOf(ActivationMatching.class);
        assertThat(Matchers.get("ste")).isInstanceOf(SteMatching.class);
    }
}
