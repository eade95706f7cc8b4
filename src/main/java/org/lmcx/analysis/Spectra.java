package org.lmcx.analysis;

import org.lmcx.model.Model;
import org.lmcx.model.Tensor;
import org.lmcx.task.Monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Singular values of every weight layer (paper §3): a permutation changes the directions of a layer's
 * singular vectors but never its singular values, so {@code σ(π(θb)) = σ(θb)} layer by layer, and the
 * spectrum of the interpolated model {@code θ(λ)} shows whether the large singular values survive merging
 * (they do when the matching aligned the singular vectors that carry them).
 *
 * <p>Matrix view: see {@link #CONVENTION}. Singular values are computed in double by LAPACK.
 */
public final class Spectra {

    /** How a weight tensor is seen as a matrix (reported in every result). */
    public static final String CONVENTION = WeightLayer.CONVENTION;

    /**
     * Largest admissible {@code |σ(π(θb)) − σ(θb)| / σmax(θb)}: the permutation is exact, the only difference
     * is LAPACK's rounding on a matrix with reordered rows and columns (~1e-15 relative in double).
     */
    public static final double INVARIANCE_TOLERANCE = 1e-5;

    /**
     * @param layer             display name (weight key without {@code .weight})
     * @param tensor            state_dict key of the weight
     * @param rows              out
     * @param cols              in·kh·kw
     * @param a                 σ(θa), descending
     * @param b                 σ(θb)
     * @param permutedB         σ(π(θb))
     * @param maxRelativeChange {@code max_i |σ_i(π(θb)) − σ_i(θb)| / σ_max(θb)}
     */
    public record LayerSpectrum(String layer, String tensor, int rows, int cols, double[] a, double[] b,
                                double[] permutedB, double maxRelativeChange) {
        public LayerSpectrum {
            a = Copies.of(a);
            b = Copies.of(b);
            permutedB = Copies.of(permutedB);
        }

        @Override
        public double[] a() {
            return Copies.of(a);
        }

        @Override
        public double[] b() {
            return Copies.of(b);
        }

        @Override
        public double[] permutedB() {
            return Copies.of(permutedB);
        }

        /** Whether the permutation kept this layer's singular values (within {@link #INVARIANCE_TOLERANCE}). */
        public boolean invariant() {
            return maxRelativeChange <= INVARIANCE_TOLERANCE;
        }
    }

    /**
     * @param convention        the matrix view
     * @param layers            every dense and convolution layer in network order
     * @param maxRelativeChange the largest {@link LayerSpectrum#maxRelativeChange()} over layers
     * @param seconds           wall time
     */
    public record Result(String convention, List<LayerSpectrum> layers, double maxRelativeChange, double seconds) {
        public Result {
            layers = List.copyOf(layers);
        }

        /** True when every layer's spectrum survived the permutation. */
        public boolean invariant() {
            return maxRelativeChange <= INVARIANCE_TOLERANCE;
        }
    }

    /**
     * Singular values of one layer along the path θ(λ) = (1−λ)·θa + λ·θb.
     *
     * @param values {@code values[i]} are the singular values at {@code lambdas[i]}, descending
     */
    public record LayerPath(String layer, String tensor, int rows, int cols, double[] lambdas, double[][] values) {
        public LayerPath {
            lambdas = Copies.of(lambdas);
            values = Copies.of(values);
        }

        @Override
        public double[] lambdas() {
            return Copies.of(lambdas);
        }

        @Override
        public double[][] values() {
            return Copies.of(values);
        }
    }

    /** Spectra of every layer along an interpolation path. */
    public record PathResult(String convention, String modelA, String modelB, double[] lambdas,
                             List<LayerPath> layers, double seconds) {
        public PathResult {
            lambdas = Copies.of(lambdas);
            layers = List.copyOf(layers);
        }

        @Override
        public double[] lambdas() {
            return Copies.of(lambdas);
        }
    }

    private Spectra() {
    }

    /** Singular values (descending) of one weight tensor in the {@link #CONVENTION} view. */
    public static double[] singularValues(Tensor weight) {
        return Svd.values(WeightLayer.matrix(weight));
    }

    /**
     * σ(θa), σ(θb) and σ(π(θb)) for every weight layer, with the invariance check per layer.
     *
     * @param pb π(θb), built once by the caller (the runner), so this analysis never permutes B itself
     */
    public static Result compare(Model a, Model b, Model pb, Monitor monitor) {
        a.requireSameArchitecture(b);
        a.requireSameArchitecture(pb);
        long t0 = System.nanoTime();
        List<WeightLayer> layers = WeightLayer.of(a.architecture());
        List<LayerSpectrum> out = new ArrayList<>();
        double worst = 0;
        for (int i = 0; i < layers.size(); i++) {
            monitor.checkCancelled();
            WeightLayer l = layers.get(i);
            monitor.update((double) i / layers.size(), "singular values of " + l.layer());
            float[][] wb = l.matrix(b);
            double[] sa = Svd.values(l.matrix(a));
            double[] sb = Svd.values(wb);
            double[] spb = Svd.values(l.matrix(pb));
            double change = 0;
            double scale = sb.length == 0 ? 0 : sb[0];
            for (int k = 0; k < sb.length; k++) {
                change = Math.max(change, Math.abs(spb[k] - sb[k]));
            }
            double rel = scale > 0 ? change / scale : change;
            worst = Math.max(worst, rel);
            out.add(new LayerSpectrum(l.layer(), l.tensor(), wb.length, wb.length == 0 ? 0 : wb[0].length, sa, sb,
                    spb, rel));
        }
        monitor.update(1, "singular values done");
        return new Result(CONVENTION, out, worst, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Singular values of every weight layer of θ(λ) = (1−λ)·θa + λ·θb at each λ; pass π(θb) as {@code b} to see
     * the merged model's spectrum (λ = 0.5 is the midpoint the paper studies).
     */
    public static PathResult alongPath(Model a, Model b, double[] lambdas, Monitor monitor) {
        a.requireSameArchitecture(b);
        long t0 = System.nanoTime();
        List<WeightLayer> layers = WeightLayer.of(a.architecture());
        List<LayerPath> out = new ArrayList<>();
        int total = layers.size() * lambdas.length;
        int done = 0;
        for (WeightLayer l : layers) {
            float[] wa = a.tensor(l.tensor()).data();
            float[] wb = b.tensor(l.tensor()).data();
            Tensor shape = a.tensor(l.tensor());
            double[][] values = new double[lambdas.length][];
            int rows = shape.dim(0);
            int cols = shape.size() / Math.max(rows, 1);
            for (int i = 0; i < lambdas.length; i++) {
                monitor.checkCancelled();
                monitor.update((double) done++ / total,
                        String.format(Locale.ROOT, "singular values of %s at λ = %.3f", l.layer(), lambdas[i]));
                values[i] = singularValues(shape.withData(interpolate(wa, wb, lambdas[i])));
            }
            out.add(new LayerPath(l.layer(), l.tensor(), rows, cols, lambdas, values));
        }
        monitor.update(1, "singular values done");
        return new PathResult(CONVENTION, a.source(), b.source(), lambdas, out, (System.nanoTime() - t0) / 1e9);
    }

    static float[] interpolate(float[] a, float[] b, double lambda) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) ((1 - lambda) * a[i] + lambda * b[i]);
        }
        return out;
    }
}
