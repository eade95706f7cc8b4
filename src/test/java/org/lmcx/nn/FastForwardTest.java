package org.lmcx.nn;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lmcx.TestModels;
import org.lmcx.model.Architecture;
import org.lmcx.model.Architectures;
import org.lmcx.model.Dataset;
import org.lmcx.model.Layer;
import org.lmcx.model.Model;
import org.lmcx.task.Monitor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast (libnd4j/oneDNN op) forward must agree with DL4J's own layers to a relative 1e-4 of the output's
 * scale, for every conv geometry a descriptor can express, for pooling, unfolded BN, residual blocks and the
 * families; and the fast BN reset must produce DL4J's statistics.
 */
@Tag("backend")
@Tag("slow")
class FastForwardTest {

    static final double TOLERANCE = 1e-4;

    /** max |a − b| / max |b|: relative to the output's scale, so near-zero logits do not inflate it. */
    static double relativeDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            assertThat(Float.isFinite(a[i])).as("finite output %d", i).isTrue();
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return diff / Math.max(scale, 1e-30);
    }

    static Dataset randomImages(int[] shape, int n, int classes, long seed) {
        Random rnd = new Random(seed);
        int per = 1;
        for (int s : shape) {
            per *= s;
        }
        float[] f = new float[n * per];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) rnd.nextGaussian();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rnd.nextInt(classes);
        }
        return new Dataset("random", shape, f, labels, classes);
    }

    /** Fast and DL4J logits of a random model of {@code arch} on random inputs; asserts agreement. */
    static double assertAgrees(Architecture arch, long seed, int n, int batch) {
        Model m = TestModels.random(arch, seed);
        Network net = Network.build(arch);
        net.load(m);
        Batches data = net.batches(randomImages(arch.inputShape(), n, arch.numClasses(), seed + 1), batch);
        float[] fast = net.logits(data, Network.Engine.FAST);
        float[] dl4j = net.logits(data, Network.Engine.DL4J);
        double rel = relativeDifference(fast, dl4j);
        assertThat(rel).as("%s: fast vs DL4J relative difference", arch.name()).isLessThanOrEqualTo(TOLERANCE);
        return rel;
    }

    /** {@code layers} (conv, BN, ReLU, pooling) then flatten and a dense head of 5 logits. */
    static Architecture sequential(int[] input, List<Layer> layers) {
        int[] s = input;
        for (Layer l : layers) {
            s = l.outputShape(s);
        }
        List<Layer> all = new ArrayList<>(layers);
        all.add(new Layer.Flatten());
        all.add(new Layer.Dense("head.weight", "head.bias", (int) org.lmcx.model.Tensor.elementCount(s), 5));
        return new Architecture("test" + layers, input, 5, all, null);
    }

    static Layer.BatchNorm bn(String key, int c) {
        return new Layer.BatchNorm(key + ".weight", key + ".bias", key + ".running_mean", key + ".running_var", c,
                Architectures.DEFAULT_BN_EPS);
    }

    static Stream<Arguments> convGeometries() {
        List<Arguments> out = new ArrayList<>();
        for (int k : new int[]{1, 2, 3, 4, 5, 7}) {
            for (int s : new int[]{1, 2, 3}) {
                for (int p : new int[]{0, 1, 2, 3}) {
                    out.add(Arguments.of(k, s, p));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "kernel {0} stride {1} padding {2}")
    @MethodSource("convGeometries")
    void convolutionMatchesDl4jForEveryGeometry(int k, int s, int p) {
        int[] in = {3, 11, 9};
        // with bias and folded BN (+ReLU), without bias with folded BN, with bias and no BN
        assertAgrees(sequential(in, List.of(new Layer.Conv2d("c.weight", "c.bias", 3, 6, k, s, p), bn("b", 6),
                new Layer.Relu())), 11, 7, 7);
        assertAgrees(sequential(in, List.of(new Layer.Conv2d("c.weight", null, 3, 6, k, s, p), bn("b", 6))),
                12, 7, 7);
        assertAgrees(sequential(in, List.of(new Layer.Conv2d("c.weight", "c.bias", 3, 4, k, s, p),
                new Layer.Relu())), 13, 7, 7);
    }

    static Stream<Arguments> poolings() {
        List<Arguments> out = new ArrayList<>();
        for (boolean max : new boolean[]{true, false}) {
            for (int k : new int[]{1, 2, 3}) {
                for (int s : new int[]{1, 2, 3}) {
                    out.add(Arguments.of(max, k, s));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "max {0} kernel {1} stride {2}")
    @MethodSource("poolings")
    void poolingAndUnfoldedBatchNormMatchDl4j(boolean max, int k, int s) {
        Layer pool = max ? new Layer.MaxPool(k, s) : new Layer.AvgPool(k, s);
        // BN after a pool cannot be folded into a convolution: exercises the standalone affine BN.
        assertAgrees(sequential(new int[]{2, 10, 11}, List.of(new Layer.Conv2d("c.weight", "c.bias", 2, 5, 3, 1, 1),
                new Layer.Relu(), pool, bn("b", 5))), 21, 6, 6);
    }

    @Test
    void batchNormOnVectorsAndGlobalPoolingMatchDl4j() {
        List<Layer> layers = List.of(new Layer.Conv2d("c.weight", null, 3, 8, 3, 2, 1), bn("b", 8), new Layer.Relu(),
                new Layer.GlobalAvgPool(), new Layer.Flatten(), new Layer.Dense("d.weight", "d.bias", 8, 6),
                bn("b2", 6), new Layer.Relu(), new Layer.Dense("o.weight", "o.bias", 6, 4));
        assertAgrees(new Architecture("gap+bn1d", new int[]{3, 9, 9}, 4, layers, null), 31, 9, 4);
    }

    @Test
    void residualBlocksWithAndWithoutShortcutConvMatchDl4j() {
        Layer.Residual identity = new Layer.Residual(List.of(new Layer.Conv2d("r1.c.weight", null, 4, 4, 3, 1, 1),
                bn("r1.b", 4), new Layer.Relu(), new Layer.Conv2d("r1.c2.weight", null, 4, 4, 3, 1, 1)), List.of());
        Layer.Residual projected = new Layer.Residual(List.of(new Layer.Conv2d("r2.c.weight", null, 4, 6, 3, 2, 1),
                bn("r2.b", 6)), List.of(new Layer.Conv2d("r2.s.weight", null, 4, 6, 1, 2, 0), bn("r2.sb", 6)));
        // ReLU right after the input and first in a branch: in-place ops must not overwrite a shared input.
        Layer.Residual reluFirst = new Layer.Residual(List.of(new Layer.Relu(), bn("r3.b", 6)), List.of(bn("r3.sb", 6)));
        List<Layer> layers = List.of(new Layer.Conv2d("c.weight", "c.bias", 3, 4, 3, 1, 1), identity, new Layer.Relu(),
                projected, new Layer.Relu(), reluFirst, new Layer.GlobalAvgPool(), new Layer.Flatten(),
                new Layer.Dense("o.weight", "o.bias", 6, 3));
        assertAgrees(new Architecture("residuals", new int[]{3, 8, 8}, 3, layers, null), 41, 5, 5);
    }

    @Test
    void familiesMatchDl4j() {
        assertAgrees(TestModels.vgg11(true), 1, 24, 10);
        assertAgrees(TestModels.vgg11(false), 2, 24, 24);
        assertAgrees(TestModels.resnet20(), 3, 24, 16);
        assertAgrees(TestModels.convBn(), 4, 24, 24);
        assertAgrees(TestModels.mlp(), 5, 24, 7);
        assertAgrees(Architectures.build(org.lmcx.model.ArchitectureDescriptor.vgg("vgg16", new int[]{3, 32, 32}, 10,
                0.125, true)), 6, 8, 8);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"torch_cnn_bn_s7.safetensors", "torch_cnn_bn_s8.safetensors"})
    void pyTorchFixturesGiveDl4jsLogits(String file) throws java.io.IOException {
        // PyTorchFixturesTest checks these against PyTorch's own numbers; here, logit by logit against DL4J.
        Dataset test = org.lmcx.io.DatasetLoader.load(org.lmcx.Fixtures.requireFashionMnist(),
                org.lmcx.io.DatasetLoader.Split.TEST).first(1000);
        Model m = PyTorchFixturesTest.fixture(file);
        Network net = Network.build(m.architecture());
        net.load(m);
        Batches data = net.batches(test, 250);
        assertThat(relativeDifference(net.logits(data), net.logits(data, Network.Engine.DL4J)))
                .isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void chunkingDoesNotChangeLogits() {
        Architecture arch = TestModels.resnet20();
        Network net = Network.build(arch);
        net.load(TestModels.random(arch, 7));
        Batches data = net.batches(randomImages(arch.inputShape(), 23, 10, 8), 23);
        float[] whole = net.logits(data);
        FastForward small = net.fastForward(5);
        small.refresh();
        float[] chunked = small.logits(data.list().get(0).features());
        assertThat(relativeDifference(chunked, whole)).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void seesParametersWrittenInPlace() {
        Architecture arch = TestModels.vgg11(true);
        Network net = Network.build(arch);
        ParamVector a = net.paramsOf(TestModels.random(arch, 1));
        ParamVector b = net.paramsOf(TestModels.random(arch, 2));
        Batches data = net.batches(randomImages(arch.inputShape(), 6, 10, 3), 6);
        for (double lambda : new double[]{0, 0.3, 1}) {
            net.loadInterpolated(a, b, lambda);
            float[] fast = net.logits(data);
            float[] dl4j = net.logits(data, Network.Engine.DL4J);
            assertThat(relativeDifference(fast, dl4j)).as("λ = %s", lambda).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void fastBatchNormResetMatchesDl4j() {
        for (Architecture arch : List.of(TestModels.resnet20(), TestModels.vgg11(true), TestModels.convBn())) {
            Model m = TestModels.random(arch, 5);
            Batches train = Batches.of(randomImages(arch.inputShape(), 40, arch.numClasses(), 6), 16, true);
            Network fast = Network.build(arch);
            fast.load(m);
            fast.resetBatchNorm(train, Monitor.NONE, Network.Engine.FAST);
            Network dl4j = Network.build(arch);
            dl4j.load(m);
            dl4j.resetBatchNorm(train, Monitor.NONE, Network.Engine.DL4J);
            float[] pf = fast.currentParams().toFloatArray();
            float[] pd = dl4j.currentParams().toFloatArray();
            assertThat(relativeDifference(pf, pd)).as("%s: BN statistics", arch.name()).isLessThanOrEqualTo(TOLERANCE);
            Batches test = fast.batches(randomImages(arch.inputShape(), 8, arch.numClasses(), 9), 8);
            assertThat(relativeDifference(fast.logits(test), dl4j.logits(test, Network.Engine.DL4J)))
                    .as("%s: logits after reset", arch.name()).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void theSelectedNativeBuildIsTheOneLoaded() {
        // NativePlatformExtension selects before any test loads ND4J, so the decision must have taken effect.
        assertThat(NativePlatform.loadedOneDnn()).as(NativePlatform.select()).isEqualTo(NativePlatform.oneDnn());
    }

    @Test
    void avx2DetectionReadsEveryProcessorsFlags() {
        assertThat(NativePlatform.hasAvx2("processor\t: 0\nflags\t\t: fpu sse2 avx avx2 fma\n")).isTrue();
        assertThat(NativePlatform.hasAvx2("flags\t: fpu avx2\nflags\t: fpu avx\n")).isFalse();
        assertThat(NativePlatform.hasAvx2("flags\t: fpu avx512f avx2_x\n")).isFalse();
        assertThat(NativePlatform.hasAvx2("Features\t: neon\n")).isFalse();
    }

    @Test
    void anInstalledAvx2BuildIsRefusedInWordsOnACpuWithoutAvx2(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        Path withAvx2 = java.nio.file.Files.writeString(dir.resolve("avx2"), "flags\t: fpu sse2 avx avx2 fma\n");
        Path without = java.nio.file.Files.writeString(dir.resolve("sse"), "flags\t: fpu sse2 sse4_2 avx\n");
        assertThat(NativePlatform.installedBuildProblem("onednn-avx2", without)).contains("no AVX2", "--cpu x86-64");
        assertThat(NativePlatform.installedBuildProblem("onednn-avx2", withAvx2)).isNull();
        assertThat(NativePlatform.installedBuildProblem("plain", without)).isNull();
        assertThat(NativePlatform.installedBuildProblem(null, without)).as("not an installed image").isNull();
    }
}
