package org.lmcx.analysis;

import org.lmcx.model.Model;
import org.lmcx.task.Monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * How well the singular vectors of two models' layers line up, before and after a permutation (paper §3–4):
 * WM works because it aligns the singular vectors that carry large singular values. For each weight layer
 * (matrix view {@link Spectra#CONVENTION}) with SVDs {@code Wa = Ua Σa Vaᵀ} and {@code Wb = Ub Σb Vbᵀ}, the
 * top-k overlaps {@code |Uaᵀ Ub|} (left, output side) and {@code |Vaᵀ Vb|} (right, input side).
 *
 * <p>Absolute values because a singular vector's sign is arbitrary. Entries are in [0, 1]; a diagonal of ones
 * means the i-th directions coincide. Near-equal singular values make their vectors (not their span)
 * ill-defined, so a low diagonal entry between two nearly tied values says little on its own; the
 * σ-weighted mean emphasises the dominant, well-separated directions that the paper's argument is about.
 */
public final class Alignment {

    public static final int DEFAULT_K = 32;

    /**
     * The overlaps of one layer for one pairing.
     *
     * @param left          {@code |Uaᵀ Ub|}, k × k: {@code left[i][j] = |⟨ua_i, ub_j⟩|}
     * @param right         {@code |Vaᵀ Vb|}, k × k
     * @param leftDiagonal  mean of {@code left[i][i]}
     * @param rightDiagonal mean of {@code right[i][i]}
     * @param leftWeighted  {@code Σ σa_i·left[i][i] / Σ σa_i} over the top k
     * @param rightWeighted the same for the right vectors
     */
    public record Overlap(double[][] left, double[][] right, double leftDiagonal, double rightDiagonal,
                          double leftWeighted, double rightWeighted) {
        public Overlap {
            left = Copies.of(left);
            right = Copies.of(right);
        }

        @Override
        public double[][] left() {
            return Copies.of(left);
        }

        @Override
        public double[][] right() {
            return Copies.of(right);
        }
    }

    /**
     * @param k      vectors compared: min(requested k, rows, cols)
     * @param sigmaA top-k singular values of A (the weights of the weighted means)
     * @param sigmaB top-k singular values of B (equal for π(B))
     * @param before A against B as given
     * @param after  A against π(B)
     */
    public record LayerAlignment(String layer, String tensor, int rows, int cols, int k, double[] sigmaA,
                                 double[] sigmaB, Overlap before, Overlap after) {
        public LayerAlignment {
            sigmaA = Copies.of(sigmaA);
            sigmaB = Copies.of(sigmaB);
        }

        @Override
        public double[] sigmaA() {
            return Copies.of(sigmaA);
        }

        @Override
        public double[] sigmaB() {
            return Copies.of(sigmaB);
        }
    }

    public record Result(String convention, int requestedK, List<LayerAlignment> layers, double seconds) {
        public Result {
            layers = List.copyOf(layers);
        }
    }

    private Alignment() {
    }

    /**
     * @param pb π(θb), built once by the caller; null means the identity (after = before)
     * @param k    how many leading singular vectors to compare (capped per layer by its rank)
     */
    public static Result run(Model a, Model b, Model pb, int k, Monitor monitor) {
        a.requireSameArchitecture(b);
        if (k < 1) {
            throw new org.lmcx.model.UserInputException("k must be ≥ 1, got " + k);
        }
        long t0 = System.nanoTime();
        boolean permuted = pb != null;
        List<WeightLayer> layers = WeightLayer.of(a.architecture());
        List<LayerAlignment> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            monitor.checkCancelled();
            WeightLayer l = layers.get(i);
            monitor.update((double) i / layers.size(), "singular vectors of " + l.layer());
            float[][] wa = l.matrix(a);
            Svd.Decomposition da = Svd.top(wa, k);
            Svd.Decomposition db = Svd.top(l.matrix(b), k);
            Svd.Decomposition dpb = !permuted ? db : Svd.top(l.matrix(pb), k);
            int kk = da.u().length;
            double[] sa = java.util.Arrays.copyOf(da.sigma(), kk);
            double[] sb = java.util.Arrays.copyOf(db.sigma(), kk);
            Overlap before = overlap(da, db, sa);
            Overlap after = !permuted ? before : overlap(da, dpb, sa);
            out.add(new LayerAlignment(l.layer(), l.tensor(), wa.length, wa[0].length, kk, sa, sb, before, after));
        }
        monitor.update(1, "singular vectors done");
        return new Result(Spectra.CONVENTION, k, out, (System.nanoTime() - t0) / 1e9);
    }

    static Overlap overlap(Svd.Decomposition a, Svd.Decomposition b, double[] weights) {
        double[][] left = absGram(a.u(), b.u());
        double[][] right = absGram(a.v(), b.v());
        return new Overlap(left, right, meanDiagonal(left, null), meanDiagonal(right, null),
                meanDiagonal(left, weights), meanDiagonal(right, weights));
    }

    /** {@code |⟨x_i, y_j⟩|} for the rows of x and y. */
    static double[][] absGram(double[][] x, double[][] y) {
        int k = x.length;
        double[][] g = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                double[] xi = x[i];
                double[] yj = y[j];
                for (int t = 0; t < xi.length; t++) {
                    s += xi[t] * yj[t];
                }
                g[i][j] = Math.abs(s);
            }
        }
        return g;
    }

    /** Mean of the diagonal, weighted by {@code w} when given. */
    static double meanDiagonal(double[][] m, double[] w) {
        double s = 0;
        double ws = 0;
        for (int i = 0; i < m.length; i++) {
            double wi = w == null ? 1 : w[i];
            s += wi * m[i][i];
            ws += wi;
        }
        return ws > 0 ? s / ws : Double.NaN;
    }
}
