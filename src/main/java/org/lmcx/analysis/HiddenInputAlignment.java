package org.lmcx.analysis;

import org.lmcx.model.Dataset;
import org.lmcx.model.Layer;
import org.lmcx.model.Model;
import org.lmcx.model.Tensor;
import org.lmcx.nn.Batches;
import org.lmcx.nn.Network;
import org.lmcx.task.Monitor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How strongly the inputs a layer actually receives point along each of its right singular vectors (paper
 * Fig. 12): for singular index i, the mean over input vectors z of {@code |⟨v_i, z/‖z‖⟩|}. Computed for θa,
 * θb and the merged model ½(θa + π(θb)), each with its own weights and its own activations. Inputs that
 * concentrate on the top singular directions are what lets the merged model keep the endpoints' function when
 * those directions are aligned.
 *
 * <p>z is the layer's input as the layer sees it: a dense layer's input vector (a flattened convolutional
 * activation for the first dense layer after a flatten), a convolution's im2col patches in the
 * {@link Spectra#CONVENTION} order (c, kh, kw), zero padding included. Patches are subsampled at random
 * positions (seeded) so memory stays bounded; all-zero inputs (a patch in a dead region) have no direction
 * and are skipped.
 */
public final class HiddenInputAlignment {

    /**
     * @param k          singular indices reported per layer (capped by the layer's rank)
     * @param maxSamples input vectors used per layer and model (patches for convolutions)
     * @param batchSize  forward-pass batch size
     * @param resetBn    recompute the merged model's BN statistics on the data first (ignored without BN);
     *                   interpolated running statistics do not describe the merged network's activations
     * @param seed       patch subsampling
     */
    public record Options(int k, int maxSamples, int batchSize, boolean resetBn, long seed) {
        public static Options standard() {
            return new Options(64, 2048, 128, true, 0);
        }
    }

    /**
     * Per singular index i (0 = largest), mean |⟨v_i, ẑ⟩| for each model, with each model's singular values.
     *
     * @param samples input vectors averaged over (per model; equal unless some were all zero)
     */
    public record LayerResult(String layer, String tensor, int k, int[] samples, double[] a, double[] b,
                              double[] merged, double[] sigmaA, double[] sigmaB, double[] sigmaMerged) {
        public LayerResult {
            samples = samples.clone();
            a = Copies.of(a);
            b = Copies.of(b);
            merged = Copies.of(merged);
            sigmaA = Copies.of(sigmaA);
            sigmaB = Copies.of(sigmaB);
            sigmaMerged = Copies.of(sigmaMerged);
        }

        @Override
        public int[] samples() {
            return samples.clone();
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
        public double[] merged() {
            return Copies.of(merged);
        }

        @Override
        public double[] sigmaA() {
            return Copies.of(sigmaA);
        }

        @Override
        public double[] sigmaB() {
            return Copies.of(sigmaB);
        }

        @Override
        public double[] sigmaMerged() {
            return Copies.of(sigmaMerged);
        }
    }

    public record Result(String convention, String data, List<LayerResult> layers, boolean bnReset,
                         double seconds) {
        public Result {
            layers = List.copyOf(layers);
        }
    }

    private HiddenInputAlignment() {
    }

    /**
     * @param pb π(θb), built once by the caller (the merged model is ½(θa + π(θb)))
     * @param data the inputs (a small subset: ~{@code maxSamples / patchesPerImage} images suffice)
     */
    public static Result run(Model a, Model b, Model pb, Dataset data, Options options, Monitor monitor) {
        a.requireSameArchitecture(b);
        long t0 = System.nanoTime();
        a.requireSameArchitecture(pb);
        Model merged = midpoint(a, pb);
        Network net = Network.build(a.architecture());
        Batches batches = net.batches(data, options.batchSize());
        List<WeightLayer> layers = WeightLayer.of(a.architecture());

        Model[] models = {a, b, merged};
        double[][][] means = new double[3][][];
        int[][] counts = new int[3][];
        double[][][] sigmas = new double[3][][];
        boolean reset = options.resetBn() && a.architecture().hasBatchNorm();
        for (int m = 0; m < 3; m++) {
            Monitor sub = monitor.sub(m / 3.0, (m + 1) / 3.0);
            Map<String, Svd.Decomposition> svds = new LinkedHashMap<>();
            for (WeightLayer l : layers) {
                sub.checkCancelled();
                svds.put(l.tensor(), Svd.top(l.matrix(models[m]), options.k()));
            }
            net.load(models[m]);
            if (m == 2 && reset) {
                net.resetBatchNorm(batches, sub);
            }
            Accumulated acc = accumulate(net, batches, layers, svds, options, sub);
            means[m] = acc.means;
            counts[m] = acc.counts;
            sigmas[m] = new double[layers.size()][];
            for (int i = 0; i < layers.size(); i++) {
                Svd.Decomposition d = svds.get(layers.get(i).tensor());
                sigmas[m][i] = java.util.Arrays.copyOf(d.sigma(), d.v().length);
            }
        }
        List<LayerResult> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            WeightLayer l = layers.get(i);
            out.add(new LayerResult(l.layer(), l.tensor(), means[0][i].length,
                    new int[]{counts[0][i], counts[1][i], counts[2][i]}, means[0][i], means[1][i], means[2][i],
                    sigmas[0][i], sigmas[1][i], sigmas[2][i]));
        }
        monitor.update(1, "hidden-input alignment done");
        return new Result(Spectra.CONVENTION, data.name(), out, reset, (System.nanoTime() - t0) / 1e9);
    }

    private record Accumulated(double[][] means, int[] counts) {
    }

    private static Accumulated accumulate(Network net, Batches batches, List<WeightLayer> layers,
                                          Map<String, Svd.Decomposition> svds, Options options, Monitor monitor) {
        int nl = layers.size();
        double[][] sums = new double[nl][];
        int[] counts = new int[nl];
        INDArray[] vt = new INDArray[nl];
        for (int i = 0; i < nl; i++) {
            double[][] v = svds.get(layers.get(i).tensor()).v();
            sums[i] = new double[v.length];
            vt[i] = Nd4j.create(v).castTo(DataType.FLOAT).transpose().dup('c');
        }
        Random rnd = new Random(options.seed());
        int perImage = Math.max(1, (int) Math.ceil((double) options.maxSamples() / batches.exampleCount()));
        List<Batches.Batch> list = batches.list();
        for (int bi = 0; bi < list.size(); bi++) {
            monitor.checkCancelled();
            monitor.update((double) bi / list.size(), "layer inputs, batch " + (bi + 1) + " of " + list.size());
            boolean any = false;
            for (int i = 0; i < nl; i++) {
                any |= counts[i] < options.maxSamples();
            }
            if (!any) {
                break;
            }
            Map<String, INDArray> inputs = net.layerInputs(list.get(bi).features());
            for (int i = 0; i < nl; i++) {
                int room = options.maxSamples() - counts[i];
                if (room <= 0 || sums[i].length == 0) {
                    continue;
                }
                WeightLayer l = layers.get(i);
                INDArray x = inputs.get(l.tensor());
                float[][] z = !l.window().convolution() ? rows(x, room) : patches(x, l.window(), perImage, room, rnd);
                counts[i] += addProjections(z, vt[i], sums[i]);
            }
        }
        double[][] means = new double[nl][];
        for (int i = 0; i < nl; i++) {
            means[i] = new double[sums[i].length];
            for (int j = 0; j < sums[i].length; j++) {
                means[i][j] = counts[i] > 0 ? sums[i][j] / counts[i] : Double.NaN;
            }
        }
        return new Accumulated(means, counts);
    }

    /** Adds {@code |⟨v_j, z/‖z‖⟩|} of every nonzero row z to {@code sums[j]}; returns the rows used. */
    static int addProjections(float[][] z, INDArray vt, double[] sums) {
        List<float[]> kept = new ArrayList<>();
        List<Double> norms = new ArrayList<>();
        for (float[] row : z) {
            double s = 0;
            for (float f : row) {
                s += (double) f * f;
            }
            if (s > 0) {
                kept.add(row);
                norms.add(Math.sqrt(s));
            }
        }
        if (kept.isEmpty()) {
            return 0;
        }
        INDArray zm = Nd4j.create(kept.toArray(new float[0][]));
        double[][] proj = zm.mmul(vt).castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int r = 0; r < proj.length; r++) {
            double inv = 1 / norms.get(r);
            for (int j = 0; j < sums.length; j++) {
                sums[j] += Math.abs(proj[r][j]) * inv;
            }
        }
        return kept.size();
    }

    private static float[][] rows(INDArray x, int max) {
        int n = (int) Math.min(x.size(0), max);
        int cols = (int) (x.length() / x.size(0));
        float[] d = x.data().asFloat();
        float[][] out = new float[n][cols];
        for (int i = 0; i < n; i++) {
            System.arraycopy(d, i * cols, out[i], 0, cols);
        }
        return out;
    }

    /**
     * Im2col patches at {@code perImage} random output positions of each image, in (c, kh, kw) order to match
     * the weight's matrix view; out-of-image taps are the convolution's zero padding.
     */
    static float[][] patches(INDArray x, Layer.WeightMatrix conv, int perImage, int max, Random rnd) {
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int k = conv.kernel();
        int s = conv.stride();
        int p = conv.padding();
        int ho = (h + 2 * p - k) / s + 1;
        int wo = (w + 2 * p - k) / s + 1;
        float[] d = x.data().asFloat();
        int take = Math.min(perImage, ho * wo);
        int[] positions = new int[ho * wo];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        List<float[]> out = new ArrayList<>();
        for (int img = 0; img < n && out.size() < max; img++) {
            for (int t = 0; t < take && out.size() < max; t++) {
                // Partial Fisher–Yates: distinct positions within an image.
                int r = t + rnd.nextInt(positions.length - t);
                int pos = positions[r];
                positions[r] = positions[t];
                positions[t] = pos;
                int oy = pos / wo;
                int ox = pos % wo;
                float[] patch = new float[c * k * k];
                for (int ch = 0; ch < c; ch++) {
                    int base = (img * c + ch) * h * w;
                    for (int i = 0; i < k; i++) {
                        int y = oy * s - p + i;
                        if (y < 0 || y >= h) {
                            continue;
                        }
                        for (int j = 0; j < k; j++) {
                            int xx = ox * s - p + j;
                            if (xx >= 0 && xx < w) {
                                patch[(ch * k + i) * k + j] = d[base + y * w + xx];
                            }
                        }
                    }
                }
                out.add(patch);
            }
        }
        return out.toArray(new float[0][]);
    }

    /** ½(θa + θb) over every floating tensor (BN running statistics included, as interpolation does). */
    static Model midpoint(Model a, Model b) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : a.tensors().entrySet()) {
            Tensor ta = e.getValue();
            Tensor tb = b.tensors().get(e.getKey());
            if (ta.isFloating() && tb != null) {
                out.put(e.getKey(), ta.withData(Spectra.interpolate(ta.data(), tb.data(), 0.5)));
            }
        }
        return a.withTensors("½(" + a.source() + " + " + b.source() + ")", out);
    }
}
