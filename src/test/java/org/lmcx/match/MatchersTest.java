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
        o.put("samples", "");
        o.put("loss", "yes");
        o.put("max_iter", "x");
        MatchContext ctx = new MatchContext(1, null, null, o);
        assertThat(ctx.intOption("iterations", 3)).isEqualTo(12);
        assertThat(ctx.doubleOption("lr", 3)).isEqualTo(0.5);
        assertThat(ctx.intOption("samples", 3)).isEqualTo(3);
        assertThat(ctx.intOption("batch", 4)).isEqualTo(4);
        assertThat(ctx.booleanOption("loss", false)).isTrue();
        assertThat(ctx.monitor()).isNotNull();
        assertThatThrownBy(() -> ctx.intOption("max_iter", 1)).hasMessageContaining("max_iter");
        assertThatThrownBy(() -> ctx.doubleOption("max_iter", 1)).hasMessageContaining("max_iter");
        assertThatThrownBy(() -> ctx.booleanOption("max_iter", true)).hasMessageContaining("max_iter");
        o.put("iterations", "99");
        assertThat(ctx.intOption("iterations", 3)).as("options are copied").isEqualTo(12);
    }

    /** A typo would silently run the defaults: it is refused with the nearest key any method reads. */
    @Test
    void unknownOptionKeysAreRefusedWithTheNearestKnownOne() {
        assertThatThrownBy(() -> new MatchContext(0, null, null, Map.of("iteration", "5")))
                .isInstanceOf(org.lmcx.model.UserInputException.class)
                .hasMessageStartingWith("-O iteration: unknown method option (did you mean \"iterations\"?)");
        assertThatThrownBy(() -> new MatchContext(0, null, null, Map.of("zzzzzzzzzz", "5")))
                .isInstanceOf(org.lmcx.model.UserInputException.class).hasMessageNotContaining("did you mean");
        for (String m : Matchers.names()) {
            for (String k : Matchers.get(m).defaultOptions().keySet()) {
                assertThat(new MatchContext(0, null, null, Map.of(k, "1")).options()).containsKey(k);
            }
        }
    }
}
