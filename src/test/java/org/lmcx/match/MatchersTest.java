package org.lmcx.match;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatchersTest {

    @Test
    void registryHoldsTheDataFreeMethodsUnderTheirOwnNames() {
        assertThat(Matchers.names()).contains("identity", "wm", "sinkhorn");
        for (String name : Matchers.names()) {
            assertThat(Matchers.get(name).name()).isEqualTo(name);
        }
        assertThat(Matchers.get("WM")).isInstanceOf(WeightMatching.class);
        assertThat(Matchers.has("sinkhorn")).isTrue();
        assertThat(Matchers.has("nope")).isFalse();
    }

    @Test
    void unknownNamesAreRejectedListingTheKnownOnes() {
        assertThatThrownBy(() -> Matchers.get("magic")).isInstanceOf(org.lmcx.model.UserInputException.class)
                .hasMessageContaining("magic").hasMessageContaining("wm").hasMessageContaining("sinkhorn");
    }

    @Test
    void optionsParseWithDefaultsAndNameTheOffender() {
        Map<String, String> o = new HashMap<>();
        o.put("iterations", " 12 ");
        o.put("lr", "0.5");
        o.put("temperature", "");
        MatchContext given = new MatchContext(1, null, null, o);
        MethodOptions p = given.options(new SinkhornWeightMatching());
        assertThat(p.get(SinkhornWeightMatching.ITERATIONS)).isEqualTo(12);
        assertThat(p.get(SinkhornWeightMatching.LR)).isEqualTo(0.5);
        assertThat(p.get(SinkhornWeightMatching.TEMPERATURE)).as("blank = default").isEqualTo(1.0);
        assertThat(p.get(SinkhornWeightMatching.FINAL_TEMPERATURE)).as("derived default").isNull();
        assertThat(p.get(SinkhornWeightMatching.LOSS)).isEqualTo("dot");
        for (String bad : new String[]{"iterations=x", "iterations=-1", "lr=0", "lr=NaN", "loss=l1", "init=zero"}) {
            String[] kv = bad.split("=", 2);
            assertThatThrownBy(() -> new MatchContext(1, null, null, Map.of(kv[0], kv[1]))
                    .options(new SinkhornWeightMatching())).as(bad).isInstanceOf(org.lmcx.model.UserInputException.class)
                    .hasMessageContaining(kv[0]);
        }
        // The context keeps a copy: changing the caller's map afterwards changes nothing.
        o.put("iterations", "99");
        assertThat(given.options(new SinkhornWeightMatching()).get(SinkhornWeightMatching.ITERATIONS)).isEqualTo(12);
        MatchContext wm = new MatchContext(1, null, null, Map.of("max_iter", "5"));
        assertThat(wm.options(new WeightMatching()).get(WeightMatching.MAX_ITER)).isEqualTo(5);
    }

    @Test
    void unknownKeysAreRefusedWithTheNearestName() {
        assertThatThrownBy(() -> new MatchContext(1, null, null, Map.of("max_iters", "5"))
                .options(new WeightMatching())).isInstanceOf(org.lmcx.model.UserInputException.class)
                .hasMessageContaining("\"max_iters\"").hasMessageContaining("did you mean max_iter?");
        assertThatThrownBy(() -> new MatchContext(1, null, null, Map.of("iteration", "5"))
                .options(new SinkhornWeightMatching())).hasMessageContaining("did you mean iterations?");
        assertThatThrownBy(() -> new MatchContext(1, null, null, Map.of("zzzzzzzzzz", "5"))
                .options(new SinkhornWeightMatching())).hasMessageNotContaining("did you mean");
        assertThatThrownBy(() -> new MatchContext(1, null, null, Map.of("zzz", "5"))
                .options(new IdentityMatcher())).hasMessageContaining("takes none");
    }

    @Test
    void sharedOptionsGoToTheMethodsThatDeclareThem() {
        Map<String, String> given = new java.util.LinkedHashMap<>();
        given.put("max_iter", "7");
        given.put("iterations", "9");
        given.put("sinkhorn.lr", "0.2");
        Map<String, Map<String, String>> split = Matchers.split(java.util.List.of("identity", "wm", "sinkhorn"), given);
        assertThat(split.get("identity")).isEmpty();
        assertThat(split.get("wm")).containsExactly(Map.entry("max_iter", "7"));
        assertThat(split.get("sinkhorn")).containsOnly(Map.entry("iterations", "9"), Map.entry("lr", "0.2"));
        assertThatThrownBy(() -> Matchers.split(java.util.List.of("wm"), Map.of("iterations", "3")))
                .hasMessageContaining("\"iterations\"");
    }
}
