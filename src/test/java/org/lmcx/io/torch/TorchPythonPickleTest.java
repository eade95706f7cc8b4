package org.lmcx.io.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lmcx.model.Tensor;

/**
 * A file written by CPython's own pickler (see src/test/resources/torch/make_python_pickled.py), so the
 * VM is checked against real pickle output and not only against our hand-written opcode sequences: the
 * _metadata BUILD of model.state_dict(), tied weights, a transposed view, float16 and int64.
 */
class TorchPythonPickleTest {

    @Test
    void readsWhatPythonsPicklerWrites() throws URISyntaxException {
        Path p = Path.of(getClass().getResource("/torch/python_pickled.pt").toURI());
        TorchCheckpointReader.Result r = TorchCheckpointReader.read(p, null, TorchCheckpointReader.Limits.defaults());
        Map<String, Tensor> t = r.tensors();

        assertThat(t.keySet()).containsExactly("enc.weight", "dec.weight", "enc.bias", "bn.num_batches_tracked");
        assertThat(t.get("enc.weight").shape()).containsExactly(2, 3);
        assertThat(t.get("enc.weight").data()).containsExactly(0.5f, -1f, 2f, 3.25f, -4f, 5.5f);
        assertThat(t.get("dec.weight").shape()).containsExactly(3, 2);
        assertThat(t.get("dec.weight").data()).containsExactly(0.5f, 3.25f, -1f, -4f, 2f, 5.5f);
        assertThat(t.get("enc.bias").storedType()).isEqualTo(Tensor.StoredType.F16);
        assertThat(t.get("enc.bias").data()).containsExactly(1f, -2f, 1638f / 16384); // 0.1 as float16 holds it
        assertThat(t.get("bn.num_batches_tracked").storedType()).isEqualTo(Tensor.StoredType.I64);
        assertThat(t.get("bn.num_batches_tracked").data()).containsExactly(1234f);
        assertThat(r.description()).contains("'python_pickled'").contains("format version '3'").contains("4 tensors");
    }
}
