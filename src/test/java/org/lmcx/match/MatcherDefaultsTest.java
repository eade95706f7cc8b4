package org.lmcx.match;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lmcx.TestModels;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.task.Monitor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The options a method advertises ({@link Matcher#options()}: shown in the GUI, in {@code --help}, in the README)
 * are exactly the ones it reads, and their advertised defaults behave like giving nothing. A method cannot read an
 * option it does not advertise ({@link MethodOptions#get} refuses), and this test notices an advertised option the
 * method never reads.
 */
class MatcherDefaultsTest {

    static List<String> methods() {
        return Matchers.names();
    }

    /** Options that keep a method's run small (Sinkhorn: {@code iterations} steps). */
    private static Map<String, String> quick(String name, int iterations) {
        return name.equals("ste") ? Map.of("eval_size", "16", "batch", "16")
                : name.equals("am") ? Map.of("samples", "64", "batch", "16")
                : name.equals("sinkhorn") ? Map.of("iterations", String.valueOf(iterations)) : Map.of();
    }

    @ParameterizedTest
    @MethodSource("methods")
    void advertisedDefaultsBehaveLikeNoOptions(String name) {
        Matcher m = Matchers.get(name);
        Model a = TestModels.random(TestModels.mlp(), 1);
        Model b = TestModels.random(TestModels.mlp(), 2);
        Dataset data = m.needsData() ? TestModels.gaussianInputs(a, 64, 3) : null;
        // keep the data-based methods quick: a small run with the same explicit options on both sides
        Map<String, String> small = quick(name, 20);
        Map<String, String> explicit = new LinkedHashMap<>(m.defaultOptions());
        explicit.putAll(small);
        MatchResult implicit = m.match(a, b, new MatchContext(7, data, Monitor.NONE, small));
        MatchResult withDefaults = m.match(a, b, new MatchContext(7, data, Monitor.NONE, explicit));
        assertThat(withDefaults.permutation()).isEqualTo(implicit.permutation());
        assertThat(withDefaults.objective()).isEqualTo(implicit.objective());
    }

    @ParameterizedTest
    @MethodSource("methods")
    void everyAdvertisedOptionIsRead(String name) {
        Matcher m = Matchers.get(name);
        Model a = TestModels.random(TestModels.mlp(), 1);
        Model b = TestModels.random(TestModels.mlp(), 2);
        Dataset data = m.needsData() ? TestModels.gaussianInputs(a, 64, 3) : null;
        Map<String, String> small = quick(name, 2);
        List<MethodOptions> parsed = new java.util.ArrayList<>();
        m.match(a, b, new MatchContext(7, data, Monitor.NONE, small, parsed::add));
        assertThat(parsed).as("%s parses its options once, through MatchContext.options", name).hasSize(1);
        assertThat(parsed.get(0).read()).as("%s reads every option it advertises", name)
                .containsExactlyInAnyOrderElementsOf(m.options().stream().map(MethodOption::name).toList());
    }
}
