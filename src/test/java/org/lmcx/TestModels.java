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

    /** Gaussian weights (std scaled by fan-in), positive running variances. */
    public static Model random(Architecture arch, long seed) {
        Random rnd = new Random(seed);
        Map<String, Tensor> t = new LinkedHashMap<>();
        arch.parameterShapes().forEach((key, shape) -> {
            int n = (int) Tensor.elementCount(shape);
            float[] d = new float[n];
            int fanIn = 1;
            for (int i = 1; i < shape.length; i++) {
                fanIn *= shape[i];
            }
            double std = shape.length > 1 ? Math.sqrt(2.0 / fanIn) : 0.1;
            for (int i = 0; i < n; i++) {
                double g = rnd.nextGaussian() * std;
                d[i] = (float) (key.endsWith("running_var") ? 0.5 + Math.abs(g) : key.endsWith(".weight")
                        && shape.length == 1 ? 1 + g : g);
            }
            t.put(key, new Tensor(shape, d));
        });
        return Model.of("random " + arch.name() + " seed " + seed, arch, t);
    }

    /** Standard-normal inputs of the model's input shape with random labels, for checks that need no dataset. */
    public static org.lmcx.model.Dataset gaussianInputs(Model m, int n, long seed) {
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
        return new org.lmcx.model.Dataset("gaussian inputs", shape, f, labels, m.architecture().numClasses());
    }
}
