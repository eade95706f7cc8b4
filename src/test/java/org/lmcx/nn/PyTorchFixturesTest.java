package org.lmcx.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lmcx.Fixtures;
import org.lmcx.io.CheckpointLoader;
import org.lmcx.io.DatasetLoader;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The checkpoints in ../shared/fixtures were trained and evaluated by PyTorch; reading them through our
 * parsers and evaluating them through DL4J must give PyTorch's numbers: same test accuracy on all 10,000
 * images, same mean cross-entropy, same logits.
 */
@Tag("backend")
class PyTorchFixturesTest {

    static Dataset test;
    static JsonNode expected;

    @BeforeAll
    static void load() throws IOException {
        test = DatasetLoader.load(Fixtures.requireFashionMnist(), DatasetLoader.Split.TEST);
        expected = new ObjectMapper().readTree(Fixtures.shared("expected.json").toFile());
    }

    static Path cnnDescriptor() {
        try {
            return Path.of(PyTorchFixturesTest.class.getResource("/fixtures/torch_cnn_bn.arch.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Model fixture(String file) {
        return CheckpointLoader.load(Fixtures.shared(file), file.contains("cnn") ? cnnDescriptor() : null);
    }

    static JsonNode expectedFor(String file) {
        for (JsonNode n : expected) {
            if (n.get("file").asText().equals(file)) {
                return n;
            }
        }
        throw new IllegalStateException("no expectation for " + file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"torch_mlp_small_s7.safetensors", "torch_mlp_small_s8.safetensors",
            "torch_cnn_bn_s7.safetensors", "torch_cnn_bn_s8.safetensors"})
    void reproducesPyTorchAccuracyLossAndLogits(String file) {
        Model m = fixture(file);
        JsonNode e = expectedFor(file);
        Network net = Network.build(m.architecture());
        net.load(m);
        Metrics metrics = net.evaluate(net.batches(test, 1000));
        assertThat(metrics.examples()).isEqualTo(10_000);
        // One image flipping between classes moves accuracy by 1e-4; float32 reduction order may do that once.
        assertThat(metrics.accuracy()).isCloseTo(e.get("test_acc").asDouble(), within(1.01e-4));
        assertThat(metrics.loss()).isCloseTo(e.get("test_loss").asDouble(), within(1e-4));

        float[] logits = net.logits(net.batches(test.first(4), 4));
        JsonNode ref = e.get("logits_first4");
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 10; c++) {
                double r = ref.get(i).get(c).asDouble();
                // reference rounded to 5 decimals
                assertThat((double) logits[i * 10 + c]).as("logit %d,%d", i, c)
                        .isCloseTo(r, within(1e-4 * Math.max(1, Math.abs(r)) + 1e-5));
            }
        }
    }
}
