package org.lmcx.analysis;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lmcx.TestModels;
import org.lmcx.model.Architecture;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.model.PermutationSpec;
import org.lmcx.nn.Metrics;
import org.lmcx.nn.Network;
import org.lmcx.task.Monitor;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@Tag("backend")
class LandscapeTest {

    private static Metrics direct(Model m, Dataset data) {
        Network net = Network.build(m.architecture());
        net.load(m);
        return net.evaluate(net.batches(data, 64));
    }

    @Test
    void threeModelPlaneHasEachModelsOwnLossAtItsPosition() {
        Architecture arch = TestModels.convBn();
        Model a = TestModels.random(arch, 1);
        Model b = TestModels.random(arch, 2);
        Model c = TestModels.random(arch, 3);
        Dataset data = TestModels.gaussianInputs(a, 24, 4);
        List<Landscape.Result> snapshots = new ArrayList<>();
        Landscape.Options opt = new Landscape.Options(5, 0, 1, 64, false);
        Landscape.Result r = Landscape.threeModels(a, b, c, data, null, opt, snapshots::add, Monitor.NONE);

        double[][] loss = r.loss();
        // Grid 0, .25, .5, .75, 1: a at [0][0], b at x = 1 ([0][4]), c at y = 1 ([4][0]).
        assertThat(loss[0][0]).isCloseTo(direct(a, data).loss(), within(1e-4));
        assertThat(loss[0][4]).isCloseTo(direct(b, data).loss(), within(1e-4));
        assertThat(loss[4][0]).isCloseTo(direct(c, data).loss(), within(1e-4));
        assertThat(r.accuracy()[0][4]).isCloseTo(direct(b, data).accuracy(), within(1e-9));
        assertThat(r.models().get(2).loss()).isCloseTo(direct(c, data).loss(), within(1e-4));
        assertThat(r.computed()).isEqualTo(25);
        assertThat(r.complete()).isTrue();

        // Coarse snapshots come first (stride 4, then 2, then the final) and hold NaN where not computed.
        assertThat(snapshots).hasSize(3);
        assertThat(snapshots.get(0).computed()).isEqualTo(4);
        assertThat(snapshots.get(0).loss()[1][1]).isNaN();
        assertThat(snapshots.get(0).loss()[4][4]).isCloseTo(loss[4][4], within(1e-12));
        assertThat(snapshots.get(1).computed()).isEqualTo(9);
        assertThat(snapshots.get(2)).isSameAs(r);
    }

    @Test
    void rebasinPlaneReportsTheCoordinatesOfPermutedB() {
        Architecture arch = TestModels.mlp();
        PermutationSpec spec = PermutationSpec.derive(arch);
        Model a = TestModels.random(arch, 1);
        Model b = TestModels.random(arch, 2);
        Model pb = spec.apply(b, spec.random(3), "π(b)");
        Dataset data = TestModels.gaussianInputs(a, 32, 4);
        Landscape.Result r = Landscape.rebasinPlane(a, b, pb, data, null,
                new Landscape.Options(3, 0, 1, 64, false), null, Monitor.NONE);
        Landscape.ModelPoint p = r.models().get(2);
        // π(b) computes the same function as b, so its loss equals b's at its own (off-grid) position.
        assertThat(p.loss()).isCloseTo(direct(b, data).loss(), within(1e-4));
        assertThat(r.loss()[0][2]).isCloseTo(direct(b, data).loss(), within(1e-4));
        // ‖π(b) − a‖² = ‖b − a‖²·(x² + y²) in the scaled orthogonal basis (‖b − a‖ = ‖π(b) − a‖ here only if
        // the permutation were the identity, so just check the point is off the e1 axis and inside sensible range).
        assertThat(p.y()).isPositive();
        double ab = 0;
        double apb = 0;
        for (String k : spec.byTensor().keySet()) {
            float[] x = a.tensor(k).data();
            float[] y = b.tensor(k).data();
            float[] z = pb.tensor(k).data();
            for (int i = 0; i < x.length; i++) {
                ab += (x[i] - y[i]) * (double) (x[i] - y[i]);
                apb += (x[i] - z[i]) * (double) (x[i] - z[i]);
            }
        }
        // Every tensor of this MLP except the logits' bias is permuted; that bias is equal in b and π(b).
        String bias = arch.parameterShapes().keySet().stream().reduce((f, s) -> s).orElseThrow();
        float[] x = a.tensor(bias).data();
        float[] y = b.tensor(bias).data();
        for (int i = 0; i < x.length; i++) {
            double dd = (x[i] - y[i]) * (double) (x[i] - y[i]);
            ab += dd;
            apb += dd;
        }
        assertThat(p.x() * p.x() + p.y() * p.y()).isCloseTo(apb / ab, within(1e-4));
    }
}
