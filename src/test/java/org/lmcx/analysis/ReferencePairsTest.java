package org.lmcx.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
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

    @Test
    void mlpPairMatchesReference() throws Exception {
        check("torch_mlp_small", false);
    }

    @Test
    void cnnPairMatchesReference() throws Exception {
        check("torch_cnn_bn", false);
    }

    @Test
    void cnnPairWithBatchNormResetMatchesReference() throws Exception {
        check("torch_cnn_bn", true);
    }

    private void check(String name, boolean bnReset) throws Exception {
        JsonNode ref = pairs.get(name);
        Model a = load(name + "_s7.safetensors");
        Model b = load(name + "_s8.safetensors");
        double[] lambdas = doubles(ref.get("lambdas"));
        Interpolation.Options opts = new Interpolation.Options(lambdas, bnReset, 1000);
        String suffix = bnReset ? "_bn_reset" : "";

        MatchResult wm = Matchers.get("wm").match(a, b, MatchContext.of(0));
        assertThat(wm.distances().before()).isCloseTo(ref.get("l2_identity").asDouble(), within(1e-3));
        assertThat(wm.distances().after()).isCloseTo(ref.get("l2_wm").asDouble(), within(0.05));
        assertThat(wm.distances().after()).isLessThan(wm.distances().before());

        Interpolation.Result id = Interpolation.run("identity", a, b, null, test, train, opts, Monitor.NONE);
        JsonNode refId = ref.get("curves").get("identity" + suffix);
        double lossTolerance = bnReset ? 0.03 : 1e-3;
        assertThat(id.test().loss()).containsExactly(doubles(refId.get("loss")), within(lossTolerance));
        assertThat(id.test().lossBarrier().value()).isCloseTo(refId.get("loss_barrier").asDouble(),
                within(bnReset ? 0.03 : 1e-3));
        assertThat(id.test().accuracyBarrier().value()).isCloseTo(refId.get("acc_barrier").asDouble(),
                within(bnReset ? 0.02 : 1e-3));

        Model pb = wm.spec().apply(b, wm.permutation(), "π(B)");
        Interpolation.Result matched = Interpolation.run("wm", a, pb, null, test, train, opts, Monitor.NONE);
        JsonNode refWm = ref.get("curves").get("wm" + suffix);
        assertThat(matched.test().lossBarrier().value()).isCloseTo(refWm.get("loss_barrier").asDouble(),
                within(0.04));
        assertThat(matched.test().accuracyBarrier().value()).isCloseTo(refWm.get("acc_barrier").asDouble(),
                within(0.03));
        assertThat(matched.test().lossBarrier().value()).isLessThan(id.test().lossBarrier().value() / 3);
    }
}
