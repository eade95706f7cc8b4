package org.lmcx.match;

import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;
import org.lmcx.nn.Batches;
import org.lmcx.nn.Network;
import org.lmcx.task.Monitor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Straight-through estimator matching (Ainsworth et al. 2023, §3.3, Algorithm 2): learn a permutation that
 * makes the <em>midpoint</em> ½(θa + π(θb)) good, not just the weights close.
 *
 * <p>A continuous copy θ starts at θa. Each step: project θ onto the orbit of θb with weight matching
 * (π = argmax ⟨θ, π(θb)⟩, warm-started from the previous π), take the training loss at the midpoint
 * ½(θa + π(θb)) on one minibatch, and treat the projection as the identity in the backward pass (the
 * straight-through estimate): ∂L/∂θ ≈ ∂L/∂π(θb) = ½·∇L(midpoint). θ then takes an Adam step.
 * The permutation kept is the best one seen by midpoint loss on a held-out part of the data (the identity
 * included), because the projection of the last θ need not be the best.
 *
 * <p>Options: {@code epochs} (1), {@code batch} (128), {@code lr} (1e-3), {@code beta1} (0.9), {@code beta2} (0.999),
 * {@code eval_size} (512 examples held out from the training data for choosing the best permutation),
 * {@code samples} (training examples used, default all), {@code max_iter} (per projection, passed to WM).
 * The history holds the minibatch midpoint loss of every step.
 *
 * <p>For BN networks the gradient is taken in training mode (batch statistics) and the held-out midpoint
 * loss after recomputing the midpoint's BN statistics on the held-out examples, since interpolated running
 * statistics do not describe the midpoint network.
 */
public final class SteMatching implements Matcher {

    public static final String NAME = "ste";

    static final MethodOption<Integer> EPOCHS = MethodOption.integer("epochs", 1, 1, "passes over the training subset");
    static final MethodOption<Integer> BATCH = MethodOption.integer("batch", 128, 1, "examples per step");
    static final MethodOption<Double> LR = MethodOption.number("lr", 1e-3, 0, Double.POSITIVE_INFINITY, "Adam step");
    static final MethodOption<Double> BETA1 = MethodOption.fraction("beta1", 0.9, "Adam β₁");
    static final MethodOption<Double> BETA2 = MethodOption.fraction("beta2", 0.999, "Adam β₂");
    static final MethodOption<Integer> EVAL_SIZE = MethodOption.integer("eval_size", 512, 1,
            "examples held out to choose the best permutation");
    static final MethodOption<Integer> SAMPLES = MethodOption.integerDerived("samples", "all", 2,
            "training examples used (a seeded random subset)");
    static final MethodOption<Integer> MAX_ITER = MethodOption.integer("max_iter", 100, 1,
            "most WM sweeps per projection");

    @Override
    public java.util.List<MethodOption<?>> options() {
        return java.util.List.of(EPOCHS, BATCH, LR, BETA1, BETA2, EVAL_SIZE, SAMPLES, MAX_ITER);
    }

    @Override
    public boolean needsData() {
        return true;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "straight-through estimator (STE)";
    }

    @Override
    public String description() {
        return "Straight-through estimator: learns the permutation by lowering the midpoint"
                + " loss (slow; needs training data)";
    }

    @Override
    public MatchResult match(Model a, Model b, MatchContext ctx) {
        a.requireSameArchitecture(b);
        Dataset train = ctx.requireTrain("STE matching");
        MethodOptions o = ctx.options(this);
        int epochs = o.get(EPOCHS);
        int batch = o.get(BATCH);
        double lr = o.get(LR);
        double beta1 = o.get(BETA1);
        double beta2 = o.get(BETA2);
        int evalSize = o.get(EVAL_SIZE);
        Integer givenSamples = o.get(SAMPLES);
        int samples = givenSamples == null ? train.size() : givenSamples;
        int maxIter = o.get(MAX_ITER);
        Monitor monitor = ctx.monitor();
        long start = System.nanoTime();
        PermutationSpec spec = PermutationSpec.of(a.architecture());

        // One seeded shuffle; the first part is held out for choosing the best permutation.
        Dataset shuffled = train.randomSubset(Math.min(samples, train.size()), ctx.seed());
        int held = Math.min(evalSize, shuffled.size() / 4);
        Dataset evalSet = subset(shuffled, 0, Math.max(held, 1));
        Dataset stepSet = held > 0 ? subset(shuffled, held, shuffled.size()) : shuffled;

        Network net = Network.build(a.architecture());
        Batches stepBatches = net.batches(stepSet, batch);
        Batches evalBatches = net.batches(evalSet, 256);
        float[] pa = net.paramsOf(a).toFloatArray();
        float[] theta = pa.clone();
        // Adam, as Ainsworth et al.'s STE: raw gradients of a trained net are ~1e-4, so plain (momentum) SGD at
        // lr 1e-3 never moves θ far enough for the WM projection to change, and STE would silently equal WM.
        float[] firstMoment = new float[theta.length];
        float[] secondMoment = new float[theta.length];
        boolean bn = a.architecture().hasBatchNorm();

        Map<Permutation, Double> evaluated = new HashMap<>();
        Permutation best = spec.identity();
        double bestLoss = midpointLoss(net, pa, b, spec, best, evalBatches, bn, monitor);
        evaluated.put(best, bestLoss);

        WeightMatching wm = new WeightMatching();
        Permutation perm = null;
        List<Double> history = new ArrayList<>();
        int steps = epochs * stepBatches.list().size();
        int step = 0;
        for (int e = 0; e < epochs; e++) {
            for (Batches.Batch mb : stepBatches.list()) {
                monitor.checkCancelled();
                net.load(net.vector(theta));
                Model thetaModel = net.currentModel("θ (STE)", a);
                MatchContext wmCtx = new MatchContext(ctx.seed() + step, null, Monitor.NONE,
                        Map.of("max_iter", Integer.toString(maxIter)));
                perm = wm.match(thetaModel, b, wmCtx, perm).permutation();
                if (!evaluated.containsKey(perm)) {
                    double l = midpointLoss(net, pa, b, spec, perm, evalBatches, bn, monitor);
                    evaluated.put(perm, l);
                    if (l < bestLoss) {
                        bestLoss = l;
                        best = perm;
                    }
                }
                float[] ppb = net.paramsOf(spec.apply(b, perm, "π(b)")).toFloatArray();
                net.load(net.vector(midpoint(pa, ppb)));
                Network.LossAndGradient lg = net.meanLossAndGradient(mb);
                float[] g = lg.gradient().toFloatArray();
                double correction1 = 1 - Math.pow(beta1, step + 1);
                double correction2 = 1 - Math.pow(beta2, step + 1);
                for (int i = 0; i < theta.length; i++) {
                    // Straight-through: d midpoint / d π(θb) = ½, and π(θb) stands in for θ.
                    double gi = 0.5 * g[i];
                    firstMoment[i] = (float) (beta1 * firstMoment[i] + (1 - beta1) * gi);
                    secondMoment[i] = (float) (beta2 * secondMoment[i] + (1 - beta2) * gi * gi);
                    double mHat = firstMoment[i] / correction1;
                    double vHat = secondMoment[i] / correction2;
                    theta[i] -= (float) (lr * mHat / (Math.sqrt(vHat) + 1e-8));
                }
                history.add(lg.loss());
                step++;
                monitor.update((double) step / (steps + 1), String.format(Locale.ROOT,
                        "STE step %d of %d: midpoint loss %.4f (best held-out %.4f)", step, steps, lg.loss(),
                        bestLoss));
            }
        }
        // The last step moved θ once more; its projection is a candidate too.
        monitor.checkCancelled();
        net.load(net.vector(theta));
        perm = wm.match(net.currentModel("θ (STE)", a), b,
                new MatchContext(ctx.seed() + step, null, Monitor.NONE, Map.of("max_iter", Integer.toString(maxIter))),
                perm).permutation();
        if (!evaluated.containsKey(perm)) {
            double l = midpointLoss(net, pa, b, spec, perm, evalBatches, bn, monitor);
            if (l < bestLoss) {
                best = perm;
            }
        }
        double[] h = history.stream().mapToDouble(Double::doubleValue).toArray();
        monitor.update(1, "STE done");
        return MatchingMath.result(NAME, a, b, spec, best, step, h, (System.nanoTime() - start) / 1e9);
    }

    private static double midpointLoss(Network net, float[] pa, Model b, PermutationSpec spec, Permutation perm,
                                       Batches eval, boolean bn, Monitor monitor) {
        float[] ppb = net.paramsOf(spec.apply(b, perm, "π(b)")).toFloatArray();
        net.load(net.vector(midpoint(pa, ppb)));
        if (bn) {
            net.resetBatchNorm(eval, monitor);
        }
        return net.evaluate(eval, monitor).loss();
    }

    private static float[] midpoint(float[] x, float[] y) {
        float[] m = new float[x.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = 0.5f * (x[i] + y[i]);
        }
        return m;
    }

    private static Dataset subset(Dataset d, int from, int to) {
        int per = d.exampleSize();
        return new Dataset(d.name() + " [" + from + ", " + to + ")", d.exampleShape(),
                java.util.Arrays.copyOfRange(d.features(), from * per, to * per),
                java.util.Arrays.copyOfRange(d.labels(), from, to), d.numClasses());
    }
}
