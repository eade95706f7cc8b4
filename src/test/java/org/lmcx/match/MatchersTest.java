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
        assertThatThrownBy(() -> Matchers.get("magic")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("magic").hasMessageContaining("wm").hasMessageContaining("sinkhorn");
    }

    @Test
    void optionsParseWithDefaultsAndNameTheOffender() {
        Map<String, String> o = new HashMap<>();
        o.put("a", " 12 ");
        o.put("b", "0.5");
        o.put("c", "");
        o.put("d", "yes");
        o.put("bad", "x");
        MatchContext ctx = new MatchContext(1, null, null, o);
        assertThat(ctx.intOption("a", 3)).isEqualTo(12);
        assertThat(ctx.doubleOption("b", 3)).isEqualTo(0.5);
        assertThat(ctx.intOption("c", 3)).isEqualTo(3);
        assertThat(ctx.intOption("missing", 4)).isEqualTo(4);
        assertThat(ctx.booleanOption("d", false)).isTrue();
        assertThat(ctx.monitor()).isNotNull();
        assertThatThrownBy(() -> ctx.intOption("bad", 1)).hasMessageContaining("bad");
        assertThatThrownBy(() -> ctx.doubleOption("bad", 1)).hasMessageContaining("bad");
        assertThatThrownBy(() -> ctx.booleanOption("bad", true)).hasMessageContaining("bad");
        o.put("a", "99");
        assertThat(ctx.intOption("a", 3)).as("options are copied").isEqualTo(12);
    }
}
