package org.lmcx.io.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lmcx.Fixtures;
import org.lmcx.model.Tensor;

/** The real torch.save files in the shared fixtures give exactly the safetensors copies' tensors. */
class TorchFixtureTest {

    @ParameterizedTest
    @ValueSource(strings = {"torch_mlp_small_s7", "torch_cnn_bn_s7"})
    void ptMatchesSafetensorsExactly(String name) throws Exception {
        Map<String, Tensor> expected = SafetensorsFixture.read(Fixtures.shared(name + ".safetensors"));
        TorchCheckpointReader.Result r = TorchCheckpointReader.read(Fixtures.shared(name + ".pt"), null,
                TorchCheckpointReader.Limits.defaults());

        assertThat(r.tensors().keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Tensor got = r.tensors().get(e.getKey());
            assertThat(got.shape()).as(e.getKey()).containsExactly(e.getValue().shape());
            assertThat(got.storedType()).as(e.getKey()).isEqualTo(e.getValue().storedType());
            // Bitwise equality: the same float32 bytes must come back, not merely close values.
            assertThat(floatBits(got.data())).as(e.getKey()).containsExactly(floatBits(e.getValue().data()));
        }
        assertThat(r.tensorPath()).isEmpty();
        assertThat(r.otherPaths()).isEmpty();
        assertThat(r.description()).contains("state_dict").contains(expected.size() + " tensors");
    }

    @ParameterizedTest
    @ValueSource(strings = {"torch_mlp_small_s7", "torch_cnn_bn_s7"})
    void simpleEntryPointKeepsFileOrder(String name) {
        Path p = Fixtures.shared(name + ".pt");
        Map<String, Tensor> t = TorchCheckpointReader.read(p, null);
        assertThat(t).isNotEmpty();
        assertThat(t.keySet().iterator().next()).isIn("0.weight", "1.weight");
    }

    @org.junit.jupiter.api.Test
    void batchNormCounterIsAnIntegerScalar() {
        Map<String, Tensor> t = TorchCheckpointReader.read(Fixtures.shared("torch_cnn_bn_s7.pt"), null);
        Tensor nbt = t.get("1.num_batches_tracked");
        assertThat(nbt.rank()).isZero();
        assertThat(nbt.storedType()).isEqualTo(Tensor.StoredType.I64);
        assertThat(nbt.data()[0]).isPositive();
    }

    static int[] floatBits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }
}
