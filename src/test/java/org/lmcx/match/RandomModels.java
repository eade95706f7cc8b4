package org.lmcx.match;

import org.lmcx.model.Architecture;
import org.lmcx.model.ArchitectureDescriptor;
import org.lmcx.model.ArchitectureDescriptor.LayerDescriptor;
import org.lmcx.model.Architectures;
import org.lmcx.model.Model;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;
import org.lmcx.model.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded random models of the architectures the matchers must handle. */
final class RandomModels {

    private RandomModels() {
    }

    static Architecture mlp(int in, int[] widths, int classes) {
        return Architectures.build(ArchitectureDescriptor.mlp(new int[]{in}, widths, classes, null));
    }

    /** conv-BN-relu-pool ×2, flatten of a 2×2 map (so the dense layer needs a view), two dense layers. */
    static Architecture convBn() {
        List<LayerDescriptor> layers = List.of(
                conv("c1", 3, 6), bn("b1", 6), LayerDescriptor.of("relu"), LayerDescriptor.pool("maxpool", 2, 2),
                conv("c2", 6, 10), bn("b2", 10), LayerDescriptor.of("relu"), LayerDescriptor.pool("maxpool", 2, 2),
                LayerDescriptor.of("flatten"), dense("fc1", 40, 12), LayerDescriptor.of("relu"), dense("fc2", 12, 5));
        return Architectures.build(ArchitectureDescriptor.sequential(new int[]{3, 8, 8}, layers));
    }

    static Architecture resnet20Quarter() {
        return Architectures.build(ArchitectureDescriptor.resnet20(new int[]{3, 32, 32}, 10, 0.25));
    }

    private static LayerDescriptor conv(String key, int in, int out) {
        return new LayerDescriptor("conv2d", key, null, null, null, null, in, out, 3, 1, 1, null, null, null);
    }

    private static LayerDescriptor bn(String key, int c) {
        return new LayerDescriptor("batchnorm", key, null, null, null, null, null, c, null, null, null, null, null,
                null);
    }

    private static LayerDescriptor dense(String key, int in, int out) {
        return new LayerDescriptor("dense", key, null, null, null, null, in, out, null, null, null, null, null, null);
    }

    /** Every parameter Gaussian; running variances positive, as a trained network has them. */
    static Model random(Architecture arch, long seed) {
        Random rnd = new Random(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : arch.parameterShapes().entrySet()) {
            int[] shape = e.getValue();
            float[] d = new float[(int) Tensor.elementCount(shape)];
            boolean var = e.getKey().endsWith("running_var");
            for (int i = 0; i < d.length; i++) {
                double g = rnd.nextGaussian();
                d[i] = (float) (var ? 0.5 + Math.abs(g) : g);
            }
            m.put(e.getKey(), new Tensor(shape, d));
        }
        return Model.of("random " + arch.name() + " seed " + seed, arch, m);
    }

    /** π(a) plus Gaussian noise of the given scale on every tensor (running variances kept positive). */
    static Model permutedCopy(Model a, Permutation pi, double noise, long seed) {
        PermutationSpec spec = PermutationSpec.derive(a.architecture());
        Model p = spec.apply(a, pi, "π(" + a.source() + ")");
        Random rnd = new Random(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : p.tensors().entrySet()) {
            float[] d = e.getValue().data().clone();
            boolean var = e.getKey().endsWith("running_var");
            for (int i = 0; i < d.length; i++) {
                d[i] += (float) (noise * rnd.nextGaussian());
                if (var) {
                    d[i] = Math.abs(d[i]);
                }
            }
            out.put(e.getKey(), e.getValue().withData(d));
        }
        return p.withTensors(p.source() + " + noise", out);
    }
}
