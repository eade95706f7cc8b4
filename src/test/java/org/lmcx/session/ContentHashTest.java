package org.lmcx.session;

import org.junit.jupiter.api.Test;
import org.lmcx.Fixtures;
import org.lmcx.io.CheckpointLoader;
import org.lmcx.model.Model;
import org.lmcx.model.Tensor;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContentHashTest {

    private static Path arch() throws Exception {
        return Path.of(ContentHashTest.class.getResource("/fixtures/torch_cnn_bn.arch.json").toURI());
    }

    @Test
    void aPtFileAndItsSafetensorsTwinAreTheSameModel() throws Exception {
        Model pt = CheckpointLoader.load(Fixtures.shared("torch_cnn_bn_s7.pt"), arch());
        Model st = CheckpointLoader.load(Fixtures.shared("torch_cnn_bn_s7.safetensors"), arch());
        ModelRef a = ModelRef.of(Fixtures.shared("torch_cnn_bn_s7.pt"), pt);
        ModelRef b = ModelRef.of(Fixtures.shared("torch_cnn_bn_s7.safetensors"), st);
        assertThat(a.sha256()).hasSize(64).isEqualTo(b.sha256());
        assertThat(a).isEqualTo(b);
        assertThat(a.fileName()).isNotEqualTo(b.fileName());

        Model other = CheckpointLoader.load(Fixtures.shared("torch_cnn_bn_s8.safetensors"), arch());
        assertThat(ContentHash.of(other)).isNotEqualTo(a.sha256());
    }

    @Test
    void onlyTheArchitecturesTensorsCountAndEveryValueDoes() throws Exception {
        Model m = CheckpointLoader.load(Fixtures.shared("torch_cnn_bn_s7.safetensors"), arch());
        String h = ContentHash.compute(m);
        // num_batches_tracked and other unused tensors do not change the hash (converters keep or drop them).
        Map<String, Tensor> extra = new LinkedHashMap<>(m.tensors());
        extra.put("unused.num_batches_tracked", new Tensor(new int[0], new float[]{42}, Tensor.StoredType.I64));
        assertThat(ContentHash.compute(new Model("x", m.architecture(), extra))).isEqualTo(h);
        // One weight changed by one ulp changes it.
        String key = m.parameters().keySet().iterator().next();
        float[] d = m.tensor(key).data().clone();
        d[0] = Math.nextUp(d[0]);
        Model nudged = m.withTensors("y", Map.of(key, m.tensor(key).withData(d)));
        assertThat(ContentHash.compute(nudged)).isNotEqualTo(h);
        // Memoized per model object.
        assertThat(ContentHash.of(m)).isSameAs(ContentHash.of(m));
    }
}
