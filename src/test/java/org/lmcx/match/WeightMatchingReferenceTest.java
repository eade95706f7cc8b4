package org.lmcx.match;

import org.lmcx.TestModels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lmcx.model.Architecture;
import org.lmcx.model.Model;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The incremental cost matrices and the skipped visits of {@link WeightMatching} are pure speed: on every
 * architecture shape (plain MLP, convolutions with BN and a flatten view, residual streams) the search must
 * end in exactly the permutations of the plain re-computing loop, after the same sweeps, from the identity
 * and from a warm start.
 */
@Tag("backend")
class WeightMatchingReferenceTest {

    private static List<Architecture> architectures() {
        return List.of(TestModels.mlp(30, new int[]{24, 16, 12}, 5), TestModels.convBn(),
                TestModels.resnet20());
    }

    private static void assertSame(MatchResult fast, MatchResult ref, String what) {
        assertThat(fast.permutation()).as(what).isEqualTo(ref.permutation());
        assertThat(fast.sweeps()).as(what).isEqualTo(ref.sweeps());
        assertThat(fast.objective()).as(what).isCloseTo(ref.objective(), within(1e-9 * Math.abs(ref.objective())));
        for (int i = 0; i < ref.sweeps(); i++) {
            assertThat(fast.objectiveHistory()[i]).as("%s sweep %d", what, i)
                    .isCloseTo(ref.objectiveHistory()[i], within(1e-9 * Math.abs(ref.objectiveHistory()[i])));
        }
    }

    @Test
    void sameResultAsThePlainLoopFromTheIdentity() {
        for (Architecture arch : architectures()) {
            for (long seed = 0; seed < 4; seed++) {
                Model a = TestModels.random(arch, 300 + seed);
                Model b = TestModels.random(arch, 400 + seed);
                MatchResult fast = new WeightMatching().match(a, b, MatchContext.of(seed));
                MatchResult ref = new ReferenceWeightMatching().match(a, b, MatchContext.of(seed), null);
                assertThat(fast.sweeps()).as("a real search, not one sweep").isGreaterThan(1);
                assertSame(fast, ref, arch.name() + " seed " + seed);
            }
        }
    }

    @Test
    void sameResultAsThePlainLoopFromAWarmStart() {
        for (Architecture arch : architectures()) {
            Model a = TestModels.random(arch, 500);
            Model b = TestModels.random(arch, 501);
            Permutation start = PermutationSpec.derive(arch).random(502);
            MatchResult fast = new WeightMatching().match(a, b, MatchContext.of(3), start);
            MatchResult ref = new ReferenceWeightMatching().match(a, b, MatchContext.of(3), start);
            assertSame(fast, ref, arch.name() + " warm start");
        }
    }
}
