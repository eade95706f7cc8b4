package org.lmcx.io.torch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.lmcx.model.Tensor;

/**
 * A minimal safetensors parser for reference tensors, kept inside the tests so this package's tests do
 * not depend on (or share bugs with) the production safetensors reader.
 */
final class SafetensorsFixture {

    private SafetensorsFixture() {
    }

    static Map<String, Tensor> read(Path file) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = (int) all.getLong(0);
        JsonNode header = new ObjectMapper().readTree(new String(all.array(), 8, headerLen,
                java.nio.charset.StandardCharsets.UTF_8));
        int base = 8 + headerLen;
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : header.properties()) {
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode n = e.getValue();
            JsonNode shapeNode = n.get("shape");
            int[] shape = new int[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asInt();
            }
            int begin = base + n.get("data_offsets").get(0).asInt();
            int count = (int) Tensor.elementCount(shape);
            float[] data = new float[count];
            String dtype = n.get("dtype").asText();
            Tensor.StoredType type;
            switch (dtype) {
                case "F32" -> {
                    type = Tensor.StoredType.F32;
                    for (int i = 0; i < count; i++) {
                        data[i] = all.getFloat(begin + 4 * i);
                    }
                }
                case "I64" -> {
                    type = Tensor.StoredType.I64;
                    for (int i = 0; i < count; i++) {
                        data[i] = all.getLong(begin + 8 * i);
                    }
                }
                default -> throw new IllegalArgumentException("fixture dtype " + dtype);
            }
            out.put(e.getKey(), new Tensor(shape, data, type));
        }
        return out;
    }
}
