package org.lmcx;

import org.lmcx.model.Architecture;
import org.lmcx.model.ArchitectureDescriptor;
import org.lmcx.model.ArchitectureDescriptor.LayerDescriptor;
import org.lmcx.model.Architectures;
import org.lmcx.model.Model;
import org.lmcx.model.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded random models of every family, for property tests that need no checkpoint. */
public final class TestModels {

    private TestModels() {
    }

    public static Architecture mlp() {
        return Architectures.build(ArchitectureDescriptor.mlp(new int[]{1, 6, 6}, new int[]{16, 12}, 5, null));
    }

    public static Architecture vgg11(boolean bn) {
        return Architectures.build(ArchitectureDescriptor.vgg("vgg11", new int[]{3, 32, 32}, 10, 0.125, bn));
    }

    public static Architecture resnet20() {
        return Architectures.build(ArchitectureDescriptor.resnet20(new int[]{3, 32, 32}, 10, 0.25));
    }

    /** A custom sequential conv net with BN, pooling and a dense head after a channel-major flatten. */
    public static Architecture convBn() {
        List<LayerDescriptor> layers = List.of(
                new LayerDescriptor("conv2d", "c1", null, null, null, null, 1, 4, 3, 1, 1, null, null, null),
                new LayerDescriptor("batchnorm", "b1", null, null, null, null, null, 4, null, null, null, null,
                        null, null),
                LayerDescriptor.of("relu"),
                LayerDescriptor.pool("maxpool", 2, 2),
                new LayerDescriptor("conv2d", "c2", null, null, null, null, 4, 6, 3, 2, 0, null, null, null),
                new LayerDescriptor("batchnorm", "b2", null, null, null, null, null, 6, null, null, null, null,
                        null, null),
                LayerDescriptor.of("relu"),
                LayerDescriptor.of("flatten"),
                new LayerDescriptor("dense", "d1", null, null, null, null, 24, 7, null, null, null, null, null,
                        null),
                LayerDescriptor.of("relu"),
                new LayerDescriptor("dense", "out", null, null, null, null, 7, 3, null, null, null, null, null,
                        null));
        return Architectures.build(ArchitectureDescriptor.sequential(new int[]{1, 10, 10}, layers));
    }

    /** Every family once, named, for parameterized property tests. */
    public static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> families() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("mlp", mlp()),
                org.junit.jupiter.params.provider.Arguments.of("vgg11", vgg11(false)),
                org.junit.jupiter.params.provider.Arguments.of("vgg11_bn", vgg11(true)),
                org.junit.jupiter.params.provider.Arguments.of("resnet20", resnet20()),
                org.junit.jupiter.params.provider.Arguments.of("custom conv+bn", convBn()));
    }

    /** The one random-model factory ({@link org.lmcx.model.RandomModels}, also behind {@code lmcx bench}). */
    public static Model random(Architecture arch, long seed) {
        return org.lmcx.model.RandomModels.random(arch, seed);
    }

    /** Standard-normal inputs of the model's input shape with random labels, for checks that need no dataset. */
    public static org.lmcx.model.Dataset gaussianInputs(Model m, int n, long seed) {
        return org.lmcx.analysis.FunctionPreservation.gaussianInputs(m, n, seed);
    }

    /** A plain MLP on a flat input. */
    public static Architecture mlp(int in, int[] widths, int classes) {
        return Architectures.build(ArchitectureDescriptor.mlp(new int[]{in}, widths, classes, null));
    }

    /** π(a) plus Gaussian noise of the given scale on every tensor (running variances kept positive). */
    public static Model permutedCopy(Model a, org.lmcx.model.Permutation pi, double noise, long seed) {
        org.lmcx.model.PermutationSpec spec = org.lmcx.model.PermutationSpec.derive(a.architecture());
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
