package org.lmcx.match;

import org.junit.jupiter.api.Test;
import org.lmcx.TestModels;
import org.lmcx.TinyTraining;
import org.lmcx.model.Architecture;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.model.PermutationSpec;
import org.lmcx.nn.Network;
import org.lmcx.task.Cancellation;
import org.lmcx.task.CancelledException;
import org.lmcx.task.Monitor;
import org.lmcx.task.Progress;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SteMatchingTest {

    private static double midpointLoss(Model a, Model b, MatchResult r, Dataset data) {
        Model pb = r.spec().apply(b, r.permutation(), "π(b)");
        Network net = Network.build(a.architecture());
        net.loadInterpolated(net.paramsOf(a), net.paramsOf(pb), 0.5);
        return net.evaluate(net.batches(data, 256)).loss();
    }

    @Test
    void steLowersTheMidpointLossBelowTheIdentity() {
        Architecture arch = TestModels.mlp();
        Dataset data = TinyTraining.clusters(arch, 512, 1);
        Model a = TinyTraining.sgd(TestModels.random(arch, 1), data, 6, 32, 0.2);
        Model b = TinyTraining.sgd(TestModels.random(arch, 2), data, 6, 32, 0.2);
        MatchContext ctx = new MatchContext(0, data, null,
                Map.of("epochs", "2", "batch", "32", "lr", "0.01", "eval_size", "128"));
        MatchResult ste = new SteMatching().match(a, b, ctx);
        MatchResult id = new IdentityMatcher().match(a, b, MatchContext.of(0));
        double steLoss = midpointLoss(a, b, ste, data);
        double idLoss = midpointLoss(a, b, id, data);
        assertThat(ste.permutation().isIdentity()).isFalse();
        assertThat(steLoss).isLessThan(idLoss - 0.05);
    }

    @Test
    void historyHoldsOneMidpointLossPerStep() {
        Architecture arch = TestModels.mlp();
        Dataset data = TinyTraining.clusters(arch, 160, 1);
        MatchResult ste = new SteMatching().match(TestModels.random(arch, 1), TestModels.random(arch, 2),
                new MatchContext(0, data, null, Map.of("epochs", "2", "batch", "30", "eval_size", "40")));
        // 40 held out, 120 left: 4 steps of 30 per epoch
        assertThat(ste.sweeps()).isEqualTo(2 * (120 / 30));
        assertThat(ste.objectiveHistory()).hasSize(ste.sweeps());
        for (double v : ste.objectiveHistory()) {
            assertThat(v).isFinite().isPositive();
        }
    }

    @Test
    void cancellationStopsIt() {
        Architecture arch = TestModels.mlp();
        Dataset data = TinyTraining.clusters(arch, 256, 1);
        Model a = TestModels.random(arch, 1);
        Model b = TestModels.random(arch, 2);
        Cancellation c = new Cancellation();
        int[] updates = {0};
        Progress p = (f, m) -> {
            if (++updates[0] == 3) {
                c.cancel();
            }
        };
        MatchContext ctx = new MatchContext(0, data, new Monitor(p, c), Map.of("batch", "16"));
        assertThatThrownBy(() -> new SteMatching().match(a, b, ctx)).isInstanceOf(CancelledException.class);
        assertThat(updates[0]).isLessThan(10);
        assertThat(PermutationSpec.derive(arch).groups()).isNotEmpty();
    }
}
