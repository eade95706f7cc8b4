package org.lmcx.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.Fixtures;
import org.lmcx.model.Tensor;
import org.lmcx.model.Tensor.StoredType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lmcx.io.RawSafetensors.concat;
import static org.lmcx.io.RawSafetensors.f64;
import static org.lmcx.io.RawSafetensors.le;

class SafetensorsWriterTest {

    @TempDir
    Path tmp;

    @Test
    void roundTripKeepsValuesShapesOrderIntegerTypesAndMetadata() throws IOException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("z.weight", new Tensor(new int[]{2, 3}, new float[]{1, -2, 3.25f, Float.MIN_VALUE, -0f, 1e30f}));
        in.put("a.bias", new Tensor(new int[]{3}, new float[]{0.1f, 0.2f, 0.3f}));
        in.put("bn.num_batches_tracked", new Tensor(new int[]{}, new float[]{938}, StoredType.I64));
        in.put("mask", new Tensor(new int[]{2}, new float[]{1, 0}, StoredType.BOOL));
        in.put("empty", new Tensor(new int[]{0, 4}, new float[0]));
        Map<String, String> meta = Map.of("k", "v ü", "lmcx.architecture", "{\"family\":\"mlp\"}");
        Path f = tmp.resolve("rt.safetensors");
        SafetensorsWriter.write(f, in, meta);

        SafetensorsReader.Contents out = SafetensorsReader.read(f);
        assertThat(out.tensors().keySet()).containsExactlyElementsOf(in.keySet());
        for (String k : in.keySet()) {
            assertThat(out.tensors().get(k)).as(k).isEqualTo(in.get(k));
            assertThat(out.tensors().get(k).shape()).containsExactly(in.get(k).shape());
        }
        assertThat(out.tensors().get("bn.num_batches_tracked").storedType()).isEqualTo(StoredType.I64);
        assertThat(out.tensors().get("mask").storedType()).isEqualTo(StoredType.BOOL);
        assertThat(out.metadata()).isEqualTo(meta);
    }

    @Test
    void reducedPrecisionInputsAreWrittenAsF32WithTheirExactValues() throws IOException {
        // Hand-made F16/BF16/F64 file → reader → writer → reader: values survive, types become F32.
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[4,8]},"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]}}";
        Path src = RawSafetensors.write(tmp, "src.safetensors", header,
                concat(le(2, 0x3555, 0x0001), le(2, 0x4049, 0xBF80), f64(1.0 / 3, -2.5)));
        Map<String, Tensor> first = SafetensorsReader.read(src).tensors();
        Path copy = tmp.resolve("copy.safetensors");
        SafetensorsWriter.write(copy, first, Map.of());
        Map<String, Tensor> second = SafetensorsReader.read(copy).tensors();
        assertThat(second.get("h").data()).containsExactly(1365f / 4096f, 0x1p-24f);
        assertThat(second.get("b").data()).containsExactly(3.140625f, -1f);
        assertThat(second.get("d").data()).containsExactly((float) (1.0 / 3), -2.5f);
        assertThat(second.values()).allSatisfy(t -> assertThat(t.storedType()).isEqualTo(StoredType.F32));
    }

    @Test
    void layoutFollowsTheReferenceImplementation() throws IOException {
        // safetensors' own loader wants: header padded with spaces to 8 bytes, offsets contiguous from 0,
        // and the data section ending exactly at the end of the file.
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("a", new Tensor(new int[]{3}, new float[]{1, 2, 3}));
        in.put("n", new Tensor(new int[]{}, new float[]{5}, StoredType.I64));
        in.put("b", new Tensor(new int[]{1}, new float[]{4}));
        Path f = tmp.resolve("layout.safetensors");
        SafetensorsWriter.write(f, in, Map.of("x", "y"));
        byte[] raw = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertThat(n % 8).isZero();
        String header = new String(raw, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header).startsWith("{").matches("(?s)\\{.*} *");
        JsonNode root = new ObjectMapper().readTree(header);
        long expectedBegin = 0;
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            assertThat(e.getValue().get("data_offsets").get(0).asLong()).isEqualTo(expectedBegin);
            expectedBegin = e.getValue().get("data_offsets").get(1).asLong();
        }
        assertThat(8 + n + expectedBegin).isEqualTo(raw.length);
        assertThat(root.get("n").get("dtype").asText()).isEqualTo("I64");
        assertThat(root.get("n").get("shape").size()).isZero();
    }

    @Test
    void rewritingAFixtureReproducesItsTensorsExactly() throws IOException {
        Path src = Fixtures.shared("torch_cnn_bn_s7.safetensors");
        SafetensorsReader.Contents c = SafetensorsReader.read(src);
        Path out = tmp.resolve("again.safetensors");
        SafetensorsWriter.write(out, c.tensors(), c.metadata());
        SafetensorsReader.Contents d = SafetensorsReader.read(out);
        assertThat(d.tensors()).isEqualTo(c.tensors());
        assertThat(d.metadata()).isEqualTo(c.metadata());
        // Same dtypes and contiguous layout as PyTorch wrote, so the files differ only in header spelling.
        assertThat(Files.size(out) - Files.size(src)).isBetween(-1000L, 1000L);
    }
}
