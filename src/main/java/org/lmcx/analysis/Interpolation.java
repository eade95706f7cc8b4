package org.lmcx.analysis;

import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.nn.Batches;
import org.lmcx.nn.Metrics;
import org.lmcx.nn.Network;
import org.lmcx.nn.ParamVector;
import org.lmcx.task.Monitor;

import java.util.Arrays;

/**
 * Loss and accuracy along the straight line θ(λ) = (1−λ)·θa + λ·θb, where θb is usually already permuted
 * (π(θb)). One network is built; each λ is written into it in place.
 */
public final class Interpolation {

    /**
     * @param lambdas     the grid (must contain 0 and 1 for barriers; may extend beyond, e.g. [−0.5, 1.5])
     * @param resetBn     recompute BN statistics at every λ on {@code bnData} (ignored without BN layers)
     * @param batchSize   evaluation batch size
     */
    public record Options(double[] lambdas, boolean resetBn, int batchSize) {
        public Options {
            lambdas = lambdas.clone();
        }

        @Override
        public double[] lambdas() {
            return lambdas.clone();
        }

        public static Options standard() {
            return new Options(grid(0, 1, 25), false, 500);
        }
    }

    /** Loss and accuracy of one data split at every λ, with both barrier definitions. */
    public record SplitCurve(String data, double[] loss, double[] accuracy, Barrier lossBarrier,
                             Barrier lossBarrierMean, Barrier accuracyBarrier, Barrier accuracyBarrierMean) {
    }

    /**
     * The curve of one pair.
     *
     * @param label   which path, e.g. {@code "wm"} or {@code "identity"}
     * @param lambdas the grid
     * @param train   train subset curve, or null when no train data was given
     * @param test    test subset curve
     * @param bnReset whether BN statistics were recomputed at each λ
     * @param seconds wall time
     */
    public record Result(String label, double[] lambdas, SplitCurve train, SplitCurve test, boolean bnReset,
                         double seconds) {
    }

    private Interpolation() {
    }

    /** {@code n} evenly spaced points from {@code from} to {@code to}, inclusive; 0 and 1 exact if on the grid. */
    public static double[] grid(double from, double to, int n) {
        if (n < 2) {
            throw new org.lmcx.model.UserInputException("need at least 2 λ points");
        }
        requireRange("λ range", from, to);
        // Per λ: the grid, per split loss and accuracy, the barrier lines, and the result's copies of them.
        org.lmcx.model.MemoryBudget.requireValues(n + " λ points", org.lmcx.model.MemoryBudget.multiply(n, 16),
                Double.BYTES);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            double v = from + (to - from) * i / (n - 1);
            g[i] = Math.abs(v) < 1e-12 ? 0 : Math.abs(v - 1) < 1e-12 ? 1 : v;
        }
        return g;
    }

    /** Coordinates beyond this are no interpolation any more; inf and NaN would only give NaN curves. */
    public static final double MAX_COORDINATE = 1000;

    /** Refuses a range that is empty, not finite, or absurdly far out (|x| > {@value #MAX_COORDINATE}). */
    public static void requireRange(String what, double from, double to) {
        if (!Double.isFinite(from) || !Double.isFinite(to) || Math.abs(from) > MAX_COORDINATE
                || Math.abs(to) > MAX_COORDINATE) {
            throw new org.lmcx.model.UserInputException(what + " [" + from + ", " + to + "]: both ends must be finite "
                    + "and within ±" + (int) MAX_COORDINATE);
        }
        if (!(to > from)) {
            throw new org.lmcx.model.UserInputException(what + " [" + from + ", " + to + "] is empty (FROM < TO)");
        }
    }

    public static Result run(String label, Model a, Model b, Dataset train, Dataset test, Dataset bnData,
                             Options options, Monitor monitor) {
        a.requireSameArchitecture(b);
        long t0 = System.nanoTime();
        double[] lambdas = options.lambdas();
        Network net = Network.build(a.architecture());
        ParamVector pa = net.paramsOf(a);
        ParamVector pb = net.paramsOf(b);
        Batches trainBatches = train == null ? null : net.batches(train, options.batchSize());
        Batches testBatches = net.batches(test, options.batchSize());
        boolean reset = options.resetBn() && a.architecture().hasBatchNorm();
        Batches bnBatches = reset ? net.batches(bnData == null ? train : bnData, 128) : null;
        if (reset && bnBatches == null) {
            throw new org.lmcx.model.UserInputException("resetting BN statistics needs training data");
        }
        int n = lambdas.length;
        double[] trL = new double[n];
        double[] trA = new double[n];
        double[] teL = new double[n];
        double[] teA = new double[n];
        for (int i = 0; i < n; i++) {
            monitor.checkCancelled();
            monitor.update((double) i / n, String.format("%s: λ = %.3f", label, lambdas[i]));
            net.loadInterpolated(pa, pb, lambdas[i]);
            if (reset) {
                net.resetBatchNorm(bnBatches, monitor);
            }
            if (trainBatches != null) {
                Metrics m = net.evaluate(trainBatches, monitor);
                trL[i] = m.loss();
                trA[i] = m.accuracy();
            }
            Metrics m = net.evaluate(testBatches, monitor);
            teL[i] = m.loss();
            teA[i] = m.accuracy();
        }
        monitor.update(1, label + ": done");
        SplitCurve trainCurve = train == null ? null : curve(train.name(), lambdas, trL, trA);
        SplitCurve testCurve = curve(test.name(), lambdas, teL, teA);
        return new Result(label, lambdas, trainCurve, testCurve, reset, (System.nanoTime() - t0) / 1e9);
    }

    static SplitCurve curve(String data, double[] lambdas, double[] loss, double[] acc) {
        boolean hasEnds = contains(lambdas, 0) && contains(lambdas, 1);
        Barrier[] lb = hasEnds ? Barrier.of(lambdas, loss, false) : new Barrier[2];
        Barrier[] ab = hasEnds ? Barrier.of(lambdas, acc, true) : new Barrier[2];
        return new SplitCurve(data, loss, acc, lb[0], lb[1], ab[0], ab[1]);
    }

    private static boolean contains(double[] a, double v) {
        return Arrays.stream(a).anyMatch(x -> Math.abs(x - v) < 1e-9);
    }
}
