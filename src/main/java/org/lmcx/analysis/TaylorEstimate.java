package org.lmcx.analysis;

import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.nn.Batches;
import org.lmcx.nn.Network;
import org.lmcx.nn.ParamVector;
import org.lmcx.task.Monitor;

import java.util.Locale;

/**
 * Second-order Taylor estimate of the midpoint barrier (paper Table 1), shown beside the actual value. With
 * d = π(θb) − θa and g, H the loss gradient and Hessian:
 *
 * <pre>
 *   from A:  L(θa + d/2) ≈ L(θa) + ½ gaᵀd + ⅛ dᵀHa d
 *   from B:  L(θb − d/2) ≈ L(θb) − ½ gbᵀd + ⅛ dᵀHb d        (θb here is π(θb); both points are the midpoint)
 *   barrier ≈ ½(from A + from B) − (L(θa) + L(θb))/2
 *           = ¼ (gaᵀd − gbᵀd) + (dᵀHa d + dᵀHb d)/16
 * </pre>
 *
 * Averaging the two expansions cancels their third-order terms (they enter with opposite signs), so the
 * average is exact for quadratics and O(‖d‖⁴) otherwise; both one-sided values are reported too. The paper's
 * point: at trained endpoints g ≈ 0, so the barrier is governed by dᵀHd, which WM makes small by shrinking d
 * along the directions of large curvature (the dominant singular directions).
 *
 * <p>dᵀHd is a finite difference of gradients along d: {@code dᵀH d ≈ dᵀ(g(θ + εd) − g(θ − εd)) / (2ε)},
 * with ε in units of d (default {@link #DEFAULT_EPSILON}); it is exact for quadratics and has O(ε²) error
 * otherwise, while float32 gradients limit how small ε can usefully be.
 *
 * <p>All losses (endpoints, midpoint) come from {@link Network#meanLossAndGradient}, i.e. the training-mode loss:
 * for BN networks that normalises by batch statistics, so the expanded function and the "actual" midpoint
 * value are the same function. Means are over the examples of the data subset.
 */
public final class TaylorEstimate {

    public static final double DEFAULT_EPSILON = 1e-3;

    public record Options(double epsilon, int batchSize) {
        public Options {
            if (!(epsilon > 0)) {
                throw new org.lmcx.model.UserInputException("ε must be positive, got " + epsilon);
            }
        }

        public static Options standard() {
            return new Options(DEFAULT_EPSILON, 256);
        }
    }

    /** The ingredients: endpoint losses and the directional derivatives along d. */
    public record Terms(double lossA, double lossB, double gaDotD, double gbDotD, double dHaD, double dHbD) {
    }

    /**
     * @param midpointFromA expansion around θa of L at the midpoint
     * @param midpointFromB expansion around π(θb)
     * @param barrierFromA  midpointFromA − (La + Lb)/2
     * @param barrierFromB  midpointFromB − (La + Lb)/2
     * @param barrier       the average of the two (the estimate reported)
     */
    public record Estimate(double midpointFromA, double midpointFromB, double barrierFromA, double barrierFromB,
                           double barrier) {
    }

    /**
     * @param distance      ‖d‖ over the trainable parameters (BN running statistics excluded): the tensors
     *                      {@code l2Before}/{@code l2After} cover
     * @param midpointLoss  L(½(θa + π(θb))) measured
     * @param actualBarrier midpointLoss − (La + Lb)/2
     */
    public record Result(String data, double epsilon, double distance, Terms terms, Estimate estimate,
                         double midpointLoss, double actualBarrier, double seconds) {
    }

    private TaylorEstimate() {
    }

    /** The formula of the class comment, a pure function so it can be checked on a quadratic. */
    public static Estimate estimate(Terms t) {
        double fromA = t.lossA() + 0.5 * t.gaDotD() + 0.125 * t.dHaD();
        double fromB = t.lossB() - 0.5 * t.gbDotD() + 0.125 * t.dHbD();
        double ref = (t.lossA() + t.lossB()) / 2;
        return new Estimate(fromA, fromB, fromA - ref, fromB - ref, (fromA + fromB) / 2 - ref);
    }

    /**
     * @param pb   π(θb), already in A's order
     * @param data the subset the losses and gradients are averaged over
     */
    public static Result run(Model a, Model pb, Dataset data, Options options, Monitor monitor) {
        a.requireSameArchitecture(pb);
        long t0 = System.nanoTime();
        Network net = Network.build(a.architecture());
        ParamVector va = net.paramsOf(a);
        ParamVector vb = net.paramsOf(pb);
        float[] d = Landscape.minus(vb.toFloatArray(), va.toFloatArray());
        Batches batches = net.batches(data, options.batchSize());
        double eps = options.epsilon();
        // θ(λ) = θa + λ·d, so every point needed is one λ on the line through the two models.
        double[] lambdas = {0, eps, -eps, 1, 1 + eps, 1 - eps, 0.5};
        double[] loss = new double[lambdas.length];
        double[] gd = new double[lambdas.length];
        for (int i = 0; i < lambdas.length; i++) {
            Monitor sub = monitor.sub((double) i / lambdas.length, (double) (i + 1) / lambdas.length);
            sub.update(0, String.format(Locale.ROOT, "Taylor estimate: gradient at λ = %.4g", lambdas[i]));
            net.loadInterpolated(va, vb, lambdas[i]);
            double[] lg = lossAndDirectional(net, batches, d, sub);
            loss[i] = lg[0];
            gd[i] = lg[1];
        }
        Terms terms = new Terms(loss[0], loss[3], gd[0], gd[3], (gd[1] - gd[2]) / (2 * eps),
                (gd[4] - gd[5]) / (2 * eps));
        double mid = loss[6];
        monitor.update(1, "Taylor estimate done");
        return new Result(data.name(), eps, Math.sqrt(Landscape.dot(d, d, net.trainableMask().toFloatArray())), terms, estimate(terms), mid,
                mid - (loss[0] + loss[3]) / 2, (System.nanoTime() - t0) / 1e9);
    }

    /** {mean loss, gᵀd} over all batches, weighted by batch size. */
    private static double[] lossAndDirectional(Network net, Batches batches, float[] d, Monitor monitor) {
        double loss = 0;
        double gd = 0;
        int n = 0;
        int i = 0;
        for (Batches.Batch b : batches.list()) {
            monitor.checkCancelled();
            Network.LossAndGradient lg = net.meanLossAndGradient(b);
            loss += lg.loss() * b.size();
            gd += Landscape.dot(lg.gradient().toFloatArray(), d, null) * b.size();
            n += b.size();
            monitor.update((double) ++i / batches.list().size(), "Taylor estimate");
        }
        return new double[]{loss / n, gd / n};
    }
}
