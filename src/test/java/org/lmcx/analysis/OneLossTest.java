package org.lmcx.analysis;

import org.junit.jupiter.api.Test;
import org.lmcx.TestModels;
import org.lmcx.model.Architecture;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.model.Tensor;
import org.lmcx.nn.Batches;
import org.lmcx.nn.CrossEntropy;
import org.lmcx.nn.Network;
import org.lmcx.task.Monitor;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every path that reports a loss gives the same number on the same model and data (to 1e-6): the evaluation
 * behind curves, landscapes, STE's held-out choice and {@code lmcx train} ({@link Network#evaluate}), an
 * interpolation curve's endpoint, the Taylor estimate's endpoint loss and the loss/gradient step STE and Taylor
 * take ({@link Network#meanLossAndGradient}). The model is made confidently wrong on some examples (losses above
 * −ln 1e-10 ≈ 23), where a clipped cross-entropy such as DL4J's would report less.
 */
class OneLossTest {

    /** A random MLP whose logits are scaled up 60×, so some examples are wrong with probability < 1e-10. */
    private static Model overconfident() {
        Architecture arch = TestModels.mlp();
        Model m = TestModels.random(arch, 5);
        String logits = arch.logitsLayer().parameters().get(0).key();
        Map<String, Tensor> t = new LinkedHashMap<>();
        Tensor w = m.tensor(logits);
        float[] d = w.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] *= 60;
        }
        t.put(logits, new Tensor(w.shape(), d));
        return m.withTensors("overconfident", t);
    }

    @Test
    void everyPathReportsTheSameUnclippedCrossEntropy() {
        Model m = overconfident();
        Dataset data = TestModels.gaussianInputs(m, 200, 6);
        Network net = Network.build(m.architecture());
        net.load(m);
        Batches all = net.batches(data, data.size());

        float[] logits = net.logits(all, Network.Engine.DL4J);
        int classes = m.architecture().numClasses();
        double worst = 0;
        for (int i = 0; i < data.size(); i++) {
            worst = Math.max(worst, CrossEntropy.of(logits, i * classes, classes, data.labels()[i]));
        }
        assertThat(worst).as("some example's loss exceeds what a 1e-10 clip allows").isGreaterThan(-Math.log(1e-10) + 1);

        double reference = CrossEntropy.mean(logits, data.labels(), classes);
        double evaluate = net.evaluate(all, Monitor.NONE).loss();
        double step = net.meanLossAndGradient(all.list().get(0)).loss();
        Interpolation.Result curve = Interpolation.run("same", m, m, null, data, null,
                new Interpolation.Options(new double[]{0, 1}, false, 64), Monitor.NONE);
        TaylorEstimate.Result taylor = TaylorEstimate.run(m, m, data, new TaylorEstimate.Options(1e-3, 64),
                Monitor.NONE);

        double tol = 1e-6 * Math.max(1, reference);
        assertThat(evaluate).as("Network.evaluate (curves, landscapes, STE held-out, train)").isCloseTo(reference, within(tol));
        assertThat(step).as("meanLossAndGradient (STE steps, Taylor)").isCloseTo(reference, within(tol));
        assertThat(curve.test().loss()[0]).as("interpolation endpoint").isCloseTo(reference, within(tol));
        assertThat(taylor.terms().lossA()).as("Taylor endpoint A").isCloseTo(reference, within(tol));
        assertThat(taylor.midpointLoss()).as("Taylor midpoint of A and A").isCloseTo(reference, within(tol));
    }
}
