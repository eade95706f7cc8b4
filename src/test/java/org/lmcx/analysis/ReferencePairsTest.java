package org.lmcx.analysis;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmcx.Fixtures;
import org.lmcx.io.CheckpointLoader;
import org.lmcx.io.DatasetLoader;
import org.lmcx.match.MatchContext;
import org.lmcx.match.MatchResult;
import org.lmcx.match.Matchers;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.task.Monitor;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * End to end against an independent NumPy/SciPy + PyTorch computation (../shared/fixtures/expected_pairs.json):
 * the identity curve must agree point by point (no randomness involved); weight matching may end in a
 * slightly different local optimum than the reference's visiting order, so its numbers get a tolerance.
 */
@Tag("backend")
@Tag("slow")
class ReferencePairsTest {

    static Dataset test;
    static Dataset train;
    static JsonNode pairs;

    @BeforeAll
    static void load() throws IOException {
        Path dir = Fixtures.requireFashionMnist();
        test = DatasetLoader.load(dir, DatasetLoader.Split.TEST);
        train = DatasetLoader.load(dir, DatasetLoader.Split.TRAIN, null, DatasetLoader.Subset.first(5000));
        pairs = new ObjectMapper().readTree(Fixtures.shared("expected_pairs.json").toFile());
    }

    static Model load(String file) throws URISyntaxException {
        Path arch = file.contains("cnn")
                ? Path.of(ReferencePairsTest.class.getResource("/fixtures/torch_cnn_bn.arch.json").toURI()) : null;
        return CheckpointLoader.load(Fixtures.shared(file), arch);
    }

    static double[] doubles(JsonNode n) {
        double[] d = new double[n.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = n.get(i).asDouble();
        }
        return d;
    }

    /**
     * The CNN cases evaluate every λ of the reference grid that is a multiple of 1/4 (5 of 25, the curves' peak at
     * 0.5 among them), on all 10,000 test images: each point is still compared with the reference's value at that
     * λ, and the barriers with the reference's barriers over the same points. A fifth of the forward passes.
     */
    static final double[] CNN_LAMBDAS = {0, 0.25, 0.5, 0.75, 1};

    @Test
    void mlpPairMatchesReference() throws Exception {
        check("torch_mlp_small", false, null);
    }

    @Test
    void cnnPairMatchesReference() throws Exception {
        check("torch_cnn_bn", false, CNN_LAMBDAS);
    }

    @Test
    void cnnPairWithBatchNormResetMatchesReference() throws Exception {
        check("torch_cnn_bn", true, CNN_LAMBDAS);
    }

    /** Indices of {@code wanted} in the reference grid (all of it when null). */
    static int[] indices(double[] grid, double[] wanted) {
        if (wanted == null) {
            return java.util.stream.IntStream.range(0, grid.length).toArray();
        }
        int[] idx = new int[wanted.length];
        for (int k = 0; k < wanted.length; k++) {
            idx[k] = -1;
            for (int i = 0; i < grid.length; i++) {
                if (Math.abs(grid[i] - wanted[k]) < 1e-9) {
                    idx[k] = i;
                }
            }
            assertThat(idx[k]).as("λ = %s on the reference grid", wanted[k]).isNotNegative();
        }
        return idx;
    }

    static double[] pick(double[] v, int[] idx) {
        return java.util.Arrays.stream(idx).mapToDouble(i -> v[i]).toArray();
    }

    /** The reference curve at the chosen points, with its barriers recomputed over them. */
    record Reference(double[] loss, double lossBarrier, double accBarrier) {
        static Reference of(JsonNode curve, double[] lambdas, int[] idx) {
            double[] loss = pick(doubles(curve.get("loss")), idx);
            if (idx.length == lambdas.length) {
                return new Reference(loss, curve.get("loss_barrier").asDouble(), curve.get("acc_barrier").asDouble());
            }
            double[] at = pick(lambdas, idx);
            return new Reference(loss, Barrier.of(at, loss, false)[0].value(),
                    Barrier.of(at, pick(doubles(curve.get("acc")), idx), true)[0].value());
        }
    }

    private void check(String name, boolean bnReset, double[] subset) throws Exception {
        JsonNode ref = pairs.get(name);
        Model a = load(name + "_s7.safetensors");
        Model b = load(name + "_s8.safetensors");
        double[] grid = doubles(ref.get("lambdas"));
        int[] idx = indices(grid, subset);
        double[] lambdas = pick(grid, idx);
        Interpolation.Options opts = new Interpolation.Options(lambdas, bnReset, 1000);
        String suffix = bnReset ? "_bn_reset" : "";

        MatchResult wm = Matchers.get("wm").match(a, b, MatchContext.of(0));
        assertThat(wm.distances().before()).isCloseTo(ref.get("l2_identity").asDouble(), within(1e-3));
        assertThat(wm.distances().after()).isCloseTo(ref.get("l2_wm").asDouble(), within(0.05));
        assertThat(wm.distances().after()).isLessThan(wm.distances().before());

        Interpolation.Result id = Interpolation.run("identity", a, b, null, test, train, opts, Monitor.NONE);
        Reference refId = Reference.of(ref.get("curves").get("identity" + suffix), grid, idx);
        double lossTolerance = bnReset ? 0.03 : 1e-3;
        assertThat(id.test().loss()).containsExactly(refId.loss(), within(lossTolerance));
        assertThat(id.test().lossBarrier().value()).isCloseTo(refId.lossBarrier(), within(bnReset ? 0.03 : 1e-3));
        assertThat(id.test().accuracyBarrier().value()).isCloseTo(refId.accBarrier(), within(bnReset ? 0.02 : 1e-3));

        Model pb = wm.spec().apply(b, wm.permutation(), "π(B)");
        Interpolation.Result matched = Interpolation.run("wm", a, pb, null, test, train, opts, Monitor.NONE);
        Reference refWm = Reference.of(ref.get("curves").get("wm" + suffix), grid, idx);
        assertThat(matched.test().lossBarrier().value()).isCloseTo(refWm.lossBarrier(), within(0.04));
        assertThat(matched.test().accuracyBarrier().value()).isCloseTo(refWm.accBarrier(), within(0.03));
        assertThat(matched.test().lossBarrier().value()).isLessThan(id.test().lossBarrier().value() / 3);
    }
}
