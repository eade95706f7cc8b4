package org.lmcx.match;

import org.lmcx.TestModels;
import org.junit.jupiter.api.Test;
import org.lmcx.model.Architecture;
import org.lmcx.model.Model;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;
import org.lmcx.task.Cancellation;
import org.lmcx.task.CancelledException;
import org.lmcx.task.Monitor;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkhornWeightMatchingTest {

    private static final SinkhornWeightMatching SINKHORN = new SinkhornWeightMatching();
    private static final WeightMatching WM = new WeightMatching();

    private static List<Architecture> architectures() {
        return List.of(TestModels.mlp(20, new int[]{16, 12}, 5), TestModels.convBn(),
                TestModels.resnet20());
    }

    @Test
    void sinkhornRecoversAHiddenPermutation() {
        for (Architecture arch : architectures()) {
            Model a = TestModels.random(arch, 8);
            Permutation pi = PermutationSpec.derive(arch).random(98);
            Model b = TestModels.permutedCopy(a, pi, 1e-3, 6);
            MatchResult r = SINKHORN.match(a, b, MatchContext.of(2));
            assertThat(r.permutation()).as(arch.name()).isEqualTo(pi.inverse());
            assertThat(r.method()).isEqualTo("sinkhorn");
        }
    }

    @Test
    void sinkhornReachesWeightMatchingOnCorrelatedModels() {
        // B = π(A) + noise as large as the weights themselves: related but far from a copy.
        for (Architecture arch : architectures()) {
            for (long seed = 0; seed < 2; seed++) {
                Model a = TestModels.random(arch, 300 + seed);
                Model b = TestModels.permutedCopy(a, PermutationSpec.derive(arch).random(seed), 1.0, 400 + seed);
                double wm = WM.match(a, b, MatchContext.of(seed)).objective();
                MatchResult s = SINKHORN.match(a, b, MatchContext.of(seed));
                assertThat(s.objective()).as("%s seed %d", arch.name(), seed).isGreaterThanOrEqualTo(0.99 * wm);
            }
        }
    }

    @Test
    void sinkhornStaysNearWeightMatchingOnUnrelatedModels() {
        // Independent random models have no shared optimum: both methods stop in local optima, and which one is
        // higher varies by seed (Sinkhorn from about 6% below to 25% above WM in our trials). Neither bounds the
        // other, so this only checks that the relaxation is in the same league and better than no matching.
        for (Architecture arch : architectures()) {
            for (long seed = 0; seed < 2; seed++) {
                Model a = TestModels.random(arch, 500 + seed);
                Model b = TestModels.random(arch, 600 + seed);
                double wm = WM.match(a, b, MatchContext.of(seed)).objective();
                MatchResult s = SINKHORN.match(a, b, MatchContext.of(seed));
                assertThat(s.objective()).as("%s seed %d", arch.name(), seed).isGreaterThan(s.identityObjective())
                        .isGreaterThanOrEqualTo(0.9 * wm);
                assertThat(s.distances().after()).isLessThan(s.distances().before());
            }
        }
    }

    @Test
    void l2LossAlsoRecoversAHiddenPermutation() {
        Architecture arch = TestModels.convBn();
        Model a = TestModels.random(arch, 9);
        Permutation pi = PermutationSpec.derive(arch).random(97);
        Model b = TestModels.permutedCopy(a, pi, 1e-3, 7);
        MatchResult r = SINKHORN.match(a, b, MatchContext.of(0).withOption("loss", "l2"));
        assertThat(r.permutation()).isEqualTo(pi.inverse());
    }

    @Test
    void equalSeedsGiveEqualResultsAndTheHistoryHasOneEntryPerStep() {
        Architecture arch = TestModels.convBn();
        Model a = TestModels.random(arch, 11);
        Model b = TestModels.random(arch, 12);
        MatchContext ctx = MatchContext.of(5).withOption("iterations", "30");
        MatchResult r1 = SINKHORN.match(a, b, ctx);
        MatchResult r2 = SINKHORN.match(a, b, ctx);
        assertThat(r1.permutation()).isEqualTo(r2.permutation());
        assertThat(r1.objectiveHistory()).containsExactly(r2.objectiveHistory()).hasSize(30);
        assertThat(r1.sweeps()).isEqualTo(30);
    }

    @Test
    void cancellationStopsTheLoop() {
        Architecture arch = TestModels.mlp(20, new int[]{16, 12}, 5);
        Model a = TestModels.random(arch, 21);
        Model b = TestModels.random(arch, 22);
        Cancellation c = new Cancellation();
        Monitor m = new Monitor((f, msg) -> {
            if (f > 0.2) {
                c.cancel();
            }
        }, c);
        assertThatThrownBy(() -> SINKHORN.match(a, b, MatchContext.of(0).withMonitor(m)))
                .isInstanceOf(CancelledException.class);
    }

    @Test
    void badOptionsAreRejectedByName() {
        Architecture arch = TestModels.mlp(6, new int[]{4}, 2);
        Model a = TestModels.random(arch, 1);
        Model b = TestModels.random(arch, 2);
        assertThatThrownBy(() -> SINKHORN.match(a, b, MatchContext.of(0).withOption("temperature", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature");
        assertThatThrownBy(() -> SINKHORN.match(a, b, MatchContext.of(0).withOption("loss", "l1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loss");
        assertThatThrownBy(() -> SINKHORN.match(a, b, MatchContext.of(0).withOption("sinkhorn_iters", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sinkhorn_iters");
    }
}
