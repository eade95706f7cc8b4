package org.lmcx.analysis;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lmcx.TestModels;
import org.lmcx.TinyTraining;
import org.lmcx.model.Architecture;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.model.Tensor;
import org.lmcx.nn.Network;
import org.lmcx.task.Monitor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@Tag("backend")
class TaylorEstimateTest {

    @Test
    void estimateIsExactOnAQuadratic() {
        // L(θ) = c + qᵀθ + ½ θᵀHθ with a random symmetric H (indefinite is fine: the identity is algebraic).
        int n = 6;
        Random rnd = new Random(3);
        double[][] h = new double[n][n];
        double[] q = new double[n];
        double c = rnd.nextGaussian();
        for (int i = 0; i < n; i++) {
            q[i] = rnd.nextGaussian();
            for (int j = 0; j <= i; j++) {
                h[i][j] = h[j][i] = rnd.nextGaussian();
            }
        }
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian();
            b[i] = rnd.nextGaussian() * 2;
        }
        double[] d = new double[n];
        double[] mid = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = b[i] - a[i];
            mid[i] = (a[i] + b[i]) / 2;
        }
        double la = quad(c, q, h, a);
        double lb = quad(c, q, h, b);
        double dhd = dot(d, mul(h, d));
        TaylorEstimate.Terms t = new TaylorEstimate.Terms(la, lb, dot(grad(q, h, a), d), dot(grad(q, h, b), d),
                dhd, dhd);
        TaylorEstimate.Estimate e = TaylorEstimate.estimate(t);
        double exact = quad(c, q, h, mid) - (la + lb) / 2;
        assertThat(e.barrier()).isCloseTo(exact, within(1e-10));
        assertThat(e.barrierFromA()).isCloseTo(exact, within(1e-10));
        assertThat(e.barrierFromB()).isCloseTo(exact, within(1e-10));
        assertThat(e.midpointFromA()).isCloseTo(quad(c, q, h, mid), within(1e-10));
        // Not a tautology: a wrong coefficient (¼ instead of ⅛ on the curvature) would miss.
        assertThat(Math.abs(dhd)).isGreaterThan(1e-3);
    }

    @Test
    void estimateOnATinyNetworkIsFiniteAndCloseForASmallStep() {
        Architecture arch = TestModels.mlp();
        Dataset data = TinyTraining.clusters(arch, 128, 1);
        Model a = TinyTraining.sgd(TestModels.random(arch, 1), data, 5, 32, 0.2);
        // B close to A: d small, so the quartic remainder is negligible against the quadratic barrier.
        Random rnd = new Random(9);
        Map<String, Tensor> moved = new LinkedHashMap<>();
        a.parameters().forEach((k, t) -> {
            float[] x = t.data().clone();
            for (int i = 0; i < x.length; i++) {
                x[i] += (float) (0.02 * rnd.nextGaussian());
            }
            moved.put(k, t.withData(x));
        });
        Model b = a.withTensors("a + noise", moved);
        TaylorEstimate.Result r = TaylorEstimate.run(a, b, data, TaylorEstimate.Options.standard(), Monitor.NONE);
        assertThat(r.estimate().barrier()).isFinite();
        assertThat(r.actualBarrier()).isFinite();
        assertThat(r.distance()).isPositive();
        assertThat(r.estimate().barrier()).isCloseTo(r.actualBarrier(),
                within(0.2 * Math.abs(r.actualBarrier()) + 2e-5));
        // The endpoint loss is the network's mean cross-entropy (no BN here, so train mode = inference).
        Network net = Network.build(arch);
        net.load(a);
        assertThat(r.terms().lossA()).isCloseTo(net.evaluate(net.batches(data, 50)).loss(), within(1e-4));
    }

    private static double quad(double c, double[] q, double[][] h, double[] x) {
        return c + dot(q, x) + 0.5 * dot(x, mul(h, x));
    }

    private static double[] grad(double[] q, double[][] h, double[] x) {
        double[] hx = mul(h, x);
        double[] g = new double[x.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = q[i] + hx[i];
        }
        return g;
    }

    private static double[] mul(double[][] h, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = dot(h[i], x);
        }
        return y;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
