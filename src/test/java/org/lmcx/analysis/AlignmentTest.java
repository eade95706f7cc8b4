package org.lmcx.analysis;

import org.junit.jupiter.api.Test;
import org.lmcx.TestModels;
import org.lmcx.model.Architecture;
import org.lmcx.model.Dataset;
import org.lmcx.model.Layer;
import org.lmcx.model.Model;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;
import org.lmcx.task.Monitor;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AlignmentTest {

    @Test
    void identicalModelsHaveUnitDiagonal() {
        Architecture arch = TestModels.vgg11(true);
        Model a = TestModels.random(arch, 3);
        Alignment.Result r = Alignment.run(a, a, null, 8, Monitor.NONE);
        for (Alignment.LayerAlignment l : r.layers()) {
            assertThat(l.k()).isEqualTo(Math.min(8, Math.min(l.rows(), l.cols())));
            assertThat(l.before().leftDiagonal()).as(l.layer()).isCloseTo(1, within(1e-6));
            assertThat(l.before().rightDiagonal()).as(l.layer()).isCloseTo(1, within(1e-6));
            assertThat(l.before().leftWeighted()).isCloseTo(1, within(1e-6));
        }
    }

    @Test
    void permutationThatUndoesAHiddenOneRestoresAlignment() {
        Architecture arch = TestModels.mlp();
        PermutationSpec spec = PermutationSpec.derive(arch);
        Model a = TestModels.random(arch, 3);
        Permutation hidden = spec.random(9);
        Model b = spec.apply(a, hidden, "π(a)");
        Alignment.Result r = Alignment.run(a, b, spec.apply(b, hidden.inverse(), "π(b)"), 32, Monitor.NONE);
        for (Alignment.LayerAlignment l : r.layers()) {
            assertThat(l.after().leftDiagonal()).as(l.layer()).isCloseTo(1, within(1e-6));
            assertThat(l.after().rightDiagonal()).as(l.layer()).isCloseTo(1, within(1e-6));
            assertThat(l.sigmaA()).containsExactly(l.sigmaB(), within(1e-6));
        }
        // The hidden layer's vectors are scrambled before matching on both sides.
        Alignment.LayerAlignment hiddenLayer = r.layers().get(1);
        assertThat(hiddenLayer.before().leftDiagonal()).isLessThan(0.9);
        assertThat(hiddenLayer.before().rightDiagonal()).isLessThan(0.9);
        double[][] m = hiddenLayer.after().left();
        assertThat(m).hasNumberOfRows(hiddenLayer.k());
    }

    @Test
    void inputsAlongTheTopSingularVectorGiveFullAlignmentAtIndexZero() {
        Architecture arch = TestModels.mlp();
        Model a = TestModels.random(arch, 4);
        String first = WeightLayer.of(arch).get(0).tensor();
        Svd.Decomposition d = Svd.top(WeightLayer.matrix(a.tensor(first)), 3);
        int n = 40;
        int per = arch.inputSize();
        float[] f = new float[n * per];
        Random rnd = new Random(1);
        for (int i = 0; i < n; i++) {
            double scale = rnd.nextGaussian() * 3;
            for (int j = 0; j < per; j++) {
                f[i * per + j] = (float) (scale * d.v()[0][j]);
            }
        }
        Dataset data = new Dataset("along v0", arch.inputShape(), f, new int[n], arch.numClasses());
        HiddenInputAlignment.Result r = HiddenInputAlignment.run(a, a, a, data,
                new HiddenInputAlignment.Options(3, 100, 16, true, 0), Monitor.NONE);
        HiddenInputAlignment.LayerResult l0 = r.layers().get(0);
        assertThat(l0.samples()[0]).isEqualTo(n);
        assertThat(l0.a()[0]).isCloseTo(1, within(1e-5));
        assertThat(l0.a()[1]).isCloseTo(0, within(1e-5));
        // a = b = merged here, so all three agree in every layer.
        for (HiddenInputAlignment.LayerResult l : r.layers()) {
            assertThat(l.merged()).containsExactly(l.a(), within(1e-5));
            for (double v : l.a()) {
                assertThat(v).isBetween(0.0, 1.0 + 1e-9);
            }
        }
    }

    @Test
    void im2colPatchesFollowTheWeightLayout() {
        // One 2-channel 3×3 image; kernel 3, padding 1: the centre patch is the whole image, channel-major.
        float[] img = new float[18];
        for (int i = 0; i < img.length; i++) {
            img[i] = i + 1;
        }
        Layer.WeightMatrix conv = new Layer.Conv2d("w", null, 2, 1, 3, 1, 1).weightMatrix().orElseThrow();
        float[][] all = HiddenInputAlignment.patches(Nd4j.create(img, new long[]{1, 2, 3, 3}, 'c'), conv, 1000,
                1000, new Random(0));
        boolean sawCentre = false;
        boolean sawCorner = false;
        for (float[] p : all) {
            if (p[4] == 5 && p[13] == 14) {
                assertThat(p).containsExactly(img);
                sawCentre = true;
            }
            if (p[4] == 1) {
                // Output (0,0): taps above and left are the zero padding, tap (1,1) is pixel (0,0).
                assertThat(p[0]).isZero();
                assertThat(p[5]).isEqualTo(2);
                assertThat(p[7]).isEqualTo(4);
                assertThat(p[9 + 4]).isEqualTo(10);
                sawCorner = true;
            }
        }
        assertThat(sawCentre).isTrue();
        assertThat(sawCorner).isTrue();
    }

    @Test
    void convolutionalNetworkRuns() {
        Architecture arch = TestModels.convBn();
        PermutationSpec spec = PermutationSpec.derive(arch);
        Model a = TestModels.random(arch, 1);
        Model b = TestModels.random(arch, 2);
        Dataset data = TestModels.gaussianInputs(a, 20, 3);
        HiddenInputAlignment.Result r = HiddenInputAlignment.run(a, b, spec.apply(b, spec.random(1), "π(b)"), data,
                new HiddenInputAlignment.Options(4, 200, 8, true, 5), Monitor.NONE);
        assertThat(r.layers()).hasSize(4);
        assertThat(r.bnReset()).isTrue();
        for (HiddenInputAlignment.LayerResult l : r.layers()) {
            assertThat(l.samples()[0]).isPositive().isLessThanOrEqualTo(200);
            for (double v : l.b()) {
                assertThat(v).isBetween(0.0, 1.0 + 1e-9);
            }
        }
    }
}
