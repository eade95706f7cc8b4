package org.lmcx.match;

import org.junit.jupiter.api.Tag;
import org.lmcx.TestModels;
import org.junit.jupiter.api.Test;
import org.lmcx.model.Architecture;
import org.lmcx.model.Model;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;
import org.lmcx.task.Cancellation;
import org.lmcx.task.CancelledException;
import org.lmcx.task.Monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@Tag("backend")
class WeightMatchingTest {

    private static final WeightMatching WM = new WeightMatching();

    private static List<Architecture> architectures() {
        return List.of(TestModels.mlp(20, new int[]{16, 12}, 5), TestModels.convBn(),
                TestModels.resnet20());
    }

    private static void assertNonDecreasing(double[] h) {
        for (int i = 1; i < h.length; i++) {
            assertThat(h[i]).as("history[%d] after %s", i, h[i - 1])
                    .isGreaterThanOrEqualTo(h[i - 1] - 1e-9 * Math.abs(h[i - 1]));
        }
    }

    @Test
    void weightMatchingNeverScoresBelowIdentity() {
        for (Architecture arch : architectures()) {
            for (long seed = 0; seed < 3; seed++) {
                Model a = TestModels.random(arch, 100 + seed);
                Model b = TestModels.random(arch, 200 + seed);
                MatchResult r = WM.match(a, b, MatchContext.of(seed));
                assertThat(r.objective()).as(arch.name()).isGreaterThanOrEqualTo(r.identityObjective());
                assertThat(r.objectiveHistory()).hasSize(r.sweeps());
                assertThat(r.sweeps()).isBetween(1, 100);
                assertNonDecreasing(r.objectiveHistory());
                assertThat(r.objectiveHistory()[r.sweeps() - 1]).isCloseTo(r.objective(),
                        within(1e-9 * Math.abs(r.objective())));
                assertThat(r.method()).isEqualTo("wm");
            }
        }
    }

    @Test
    void keptCostsGiveTheObjectiveAndCostsOfAFreshComputation() {
        for (Architecture arch : architectures()) {
            Model a = TestModels.random(arch, 41);
            Model b = TestModels.random(arch, 42);
            PermutationSpec spec = PermutationSpec.derive(arch);
            WeightMatchingCosts kept = new WeightMatchingCosts(a, b, spec);
            boolean[] changed = new boolean[1];
            for (long seed = 0; seed < 4; seed++) {
                Permutation perm = spec.random(seed);
                // objective() first: it brings shared terms up to date, and cost() must still see the change
                double objective = kept.objective(perm);
                assertThat(objective).as("%s seed %d", arch.name(), seed)
                        .isCloseTo(MatchingMath.objective(a, b, spec, perm), within(1e-9 * Math.abs(objective)));
                WeightMatchingCosts fresh = new WeightMatchingCosts(a, b, spec);
                for (String group : spec.groups().keySet()) {
                    double[] c = kept.cost(group, perm, changed).clone();
                    double[] expected = fresh.cost(group, perm, new boolean[1]);
                    for (int i = 0; i < c.length; i++) {
                        assertThat(c[i]).as("%s %s cost[%d] after seed %d", arch.name(), group, i, seed)
                                .isCloseTo(expected[i], within(1e-9 * (1 + Math.abs(expected[i]))));
                    }
                }
            }
        }
    }

    @Test
    void weightMatchingRecoversAHiddenPermutation() {
        for (Architecture arch : architectures()) {
            Model a = TestModels.random(arch, 7);
            PermutationSpec spec = PermutationSpec.derive(arch);
            Permutation pi = spec.random(99);
            Model b = TestModels.permutedCopy(a, pi, 1e-3, 5);
            MatchResult r = WM.match(a, b, MatchContext.of(1));
            // apply(a, π) moves unit π[i] of A to i; undoing it takes unit π⁻¹[i] of B to i.
            assertThat(r.permutation()).as(arch.name()).isEqualTo(pi.inverse());
            assertThat(r.distances().after()).isLessThan(0.01 * r.distances().before());
        }
    }

    @Test
    void distancesAfterNeverExceedBefore() {
        for (Architecture arch : architectures()) {
            Model a = TestModels.random(arch, 31);
            Model b = TestModels.random(arch, 32);
            MatchResult r = WM.match(a, b, MatchContext.of(3));
            Distances d = r.distances();
            assertThat(d.after()).isLessThanOrEqualTo(d.before());
            assertThat(d.perTensorBefore().keySet()).isEqualTo(MatchingMath.measuredTensors(arch))
                    .isEqualTo(d.perTensorAfter().keySet()).containsAll(MatchingMath.costTensors(r.spec()));
            assertThat(d.perTensorBefore().keySet()).noneMatch(k -> k.contains("running_"));
            String logitsBias = arch.logitsLayer().parameters().get(1).key();
            assertThat(d.perTensorBefore()).as("the unpermuted logits bias counts too").containsKey(logitsBias);
            // ‖a − πb‖² = ‖a‖² + ‖b‖² − 2⟨a, πb⟩ ties the distances to the objective.
            double na = 0;
            double nb = 0;
            for (String k : d.perTensorBefore().keySet()) {
                na += a.tensor(k).sumOfSquares();
                nb += b.tensor(k).sumOfSquares();
            }
            assertThat(d.after() * d.after()).isCloseTo(na + nb - 2 * r.objective(), within(1e-6 * (na + nb)));
            assertThat(d.before() * d.before()).isCloseTo(na + nb - 2 * r.identityObjective(),
                    within(1e-6 * (na + nb)));
            double sum = d.perTensorAfter().values().stream().mapToDouble(x -> x * x).sum();
            assertThat(Math.sqrt(sum)).isCloseTo(d.after(), within(1e-9 * d.before()));
        }
    }

    @Test
    void equalSeedsGiveEqualResults() {
        Architecture arch = TestModels.resnet20();
        Model a = TestModels.random(arch, 41);
        Model b = TestModels.random(arch, 42);
        MatchResult r1 = WM.match(a, b, MatchContext.of(17));
        MatchResult r2 = WM.match(a, b, MatchContext.of(17));
        assertThat(r1.permutation()).isEqualTo(r2.permutation());
        assertThat(r1.objectiveHistory()).containsExactly(r2.objectiveHistory());
    }

    @Test
    void objectiveIsTheInnerProductWithThePermutedModel() {
        Architecture arch = TestModels.convBn();
        Model a = TestModels.random(arch, 51);
        Model b = TestModels.random(arch, 52);
        MatchResult r = WM.match(a, b, MatchContext.of(0));
        Model pb = r.spec().apply(b, r.permutation(), "π(b)");
        double s = 0;
        for (String k : MatchingMath.measuredTensors(arch)) {
            float[] x = a.tensor(k).data();
            float[] y = pb.tensor(k).data();
            for (int i = 0; i < x.length; i++) {
                s += (double) x[i] * y[i];
            }
        }
        assertThat(r.objective()).isCloseTo(s, within(1e-9 * Math.abs(s)));
    }

    @Test
    void identityMatcherReportsTheIdentityObjective() {
        Architecture arch = TestModels.mlp(10, new int[]{8}, 3);
        Model a = TestModels.random(arch, 1);
        Model b = TestModels.random(arch, 2);
        MatchResult r = new IdentityMatcher().match(a, b, MatchContext.of(0));
        assertThat(r.permutation().isIdentity()).isTrue();
        assertThat(r.objective()).isEqualTo(r.identityObjective());
        assertThat(r.distances().after()).isEqualTo(r.distances().before());
        assertThat(r.sweeps()).isZero();
    }

    @Test
    void maxIterCapsTheSweeps() {
        Architecture arch = TestModels.resnet20();
        Model a = TestModels.random(arch, 61);
        Model b = TestModels.random(arch, 62);
        MatchResult r = WM.match(a, b, MatchContext.of(0).withOption("max_iter", "1"));
        assertThat(r.sweeps()).isEqualTo(1);
        assertThatThrownBy(() -> WM.match(a, b, MatchContext.of(0).withOption("max_iter", "lots")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_iter");
    }

    @Test
    void cancellationStopsTheLoop() {
        Architecture arch = TestModels.mlp(20, new int[]{16, 12}, 5);
        Model a = TestModels.random(arch, 71);
        Model b = TestModels.random(arch, 72);
        Cancellation c = new Cancellation();
        c.cancel();
        MatchContext ctx = new MatchContext(0, null, new Monitor((f, m) -> { }, c), Map.of());
        assertThatThrownBy(() -> WM.match(a, b, ctx)).isInstanceOf(CancelledException.class);
    }

    @Test
    void cancellingAfterTheFirstSweepStopsBeforeTheNext() {
        Architecture arch = TestModels.resnet20();
        Model a = TestModels.random(arch, 81);
        Model b = TestModels.random(arch, 82);
        Cancellation c = new Cancellation();
        List<String> messages = new ArrayList<>();
        Monitor m = new Monitor((f, msg) -> {
            messages.add(msg);
            if (msg.contains("sweep 1:")) {
                c.cancel();
            }
        }, c);
        assertThatThrownBy(() -> WM.match(a, b, MatchContext.of(0).withMonitor(m)))
                .isInstanceOf(CancelledException.class);
        assertThat(messages).noneMatch(s -> s.contains("sweep 2:"));
    }

    @Test
    void differentArchitecturesAreRejected() {
        Model a = TestModels.random(TestModels.mlp(10, new int[]{8}, 3), 1);
        Model b = TestModels.random(TestModels.mlp(10, new int[]{9}, 3), 2);
        assertThatThrownBy(() -> WM.match(a, b, MatchContext.of(0))).hasMessageContaining("architectures differ");
    }
}
