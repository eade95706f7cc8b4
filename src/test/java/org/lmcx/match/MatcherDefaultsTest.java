package org.lmcx.match;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lmcx.TestModels;
import org.lmcx.analysis.FunctionPreservation;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.task.Monitor;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The defaults a method advertises (shown in the GUI, listed in the README) are the ones it really uses. */
class MatcherDefaultsTest {

    static List<String> methods() {
        return Matchers.names();
    }

    @ParameterizedTest
    @MethodSource("methods")
    void advertisedDefaultsBehaveLikeNoOptions(String name) {
        Matcher m = Matchers.get(name);
        Model a = TestModels.random(TestModels.mlp(), 1);
        Model b = TestModels.random(TestModels.mlp(), 2);
        Dataset data = m.needsData() ? FunctionPreservation.gaussianInputsForTest(a, 64, 3) : null;
        Map<String, String> defaults = m.defaultOptions();
        // keep the data-based methods quick: a small run with the same explicit options on both sides
        Map<String, String> small = name.equals("ste") ? Map.of("eval_size", "16", "batch", "16")
                : name.equals("am") ? Map.of("samples", "64", "batch", "16")
                : name.equals("sinkhorn") ? Map.of("iterations", "20") : Map.of();
        java.util.Map<String, String> explicit = new java.util.LinkedHashMap<>(defaults);
        explicit.putAll(small);
        MatchResult implicit = m.match(a, b, new MatchContext(7, data, Monitor.NONE, small));
        MatchResult withDefaults = m.match(a, b, new MatchContext(7, data, Monitor.NONE, explicit));
        assertThat(withDefaults.permutation()).isEqualTo(implicit.permutation());
        assertThat(withDefaults.objective()).isEqualTo(implicit.objective());
    }
}
