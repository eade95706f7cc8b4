package org.lmcx.analysis;

import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;
import org.lmcx.nn.Network;

import java.util.Random;

/**
 * Checks that a permutation spec is right for a model: π(B) must compute the same logits as B. A wrong spec
 * (an axis forgotten, a residual stream split into two permutations, a flatten seen in the wrong order)
 * changes the function, and every downstream number would silently be about some other network.
 */
public final class FunctionPreservation {

    /** Tolerance on {@link Report#relativeDifference()}: float32 sums reordered by the permutation differ ~1e-6. */
    public static final double TOLERANCE = 1e-4;

    /**
     * @param maxAbsoluteDifference max over examples and classes of |logit(π(B)) − logit(B)|
     * @param relativeDifference    that maximum divided by the largest |logit(B)| (scale-free)
     * @param examples              how many inputs were compared
     */
    public record Report(double maxAbsoluteDifference, double relativeDifference, int examples) {
        public boolean preserved() {
            return relativeDifference <= TOLERANCE;
        }
    }

    private FunctionPreservation() {
    }

    public static Report check(Model b, PermutationSpec spec, Permutation p, Dataset inputs) {
        Network net = Network.build(b.architecture());
        float[] before;
        float[] after;
        net.load(b);
        before = net.logits(net.batches(inputs, 256));
        net.load(spec.apply(b, p, "π(" + b.source() + ")"));
        after = net.logits(net.batches(inputs, 256));
        double maxAbs = 0;
        double scale = 0;
        for (int i = 0; i < before.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(after[i] - before[i]));
            scale = Math.max(scale, Math.abs(before[i]));
        }
        return new Report(maxAbs, maxAbs / Math.max(scale, 1e-30), inputs.size());
    }

    /** Checks a random permutation (from the seed) on standard-normal inputs of the model's input shape. */
    public static Report checkRandom(Model b, long seed, int examples) {
        PermutationSpec spec = PermutationSpec.of(b.architecture());
        return check(b, spec, spec.random(seed), gaussianInputs(b, examples, seed));
    }

    /** Standard-normal inputs with random labels, for checks that need no dataset (tests use it too). */
    public static Dataset gaussianInputs(Model m, int n, long seed) {
        int[] shape = m.architecture().inputShape();
        int per = m.architecture().inputSize();
        Random rnd = new Random(seed);
        float[] f = new float[n * per];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) rnd.nextGaussian();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rnd.nextInt(m.architecture().numClasses());
        }
        return new Dataset("gaussian inputs", shape, f, labels, m.architecture().numClasses());
    }
}
