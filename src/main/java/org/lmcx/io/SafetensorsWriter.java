package org.lmcx.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lmcx.model.Tensor;
import org.lmcx.model.Tensor.StoredType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes tensors in the safetensors format so that PyTorch's {@code safetensors.torch.load_file} and
 * {@link SafetensorsReader} read them back. Floating tensors are stored as F32 (our values are floats, so
 * nothing is lost), integer tensors such as {@code num_batches_tracked} as I64 (what PyTorch keeps them in),
 * BOOL as BOOL. Data is laid out contiguously in map order and the header is padded with spaces to a
 * multiple of 8 bytes, as the reference implementation does, so the data section is aligned.
 */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 1 << 16;

    private SafetensorsWriter() {
    }

    /** Writes atomically: an existing {@code file} is replaced only once the new one is complete. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        byte[] header = header(tensors, metadata);
        AtomicFiles.write(file, out -> write(out, header, tensors));
    }

    /** The type a tensor of the given stored type is written as. */
    public static StoredType fileType(StoredType t) {
        if (t.isFloating()) {
            return StoredType.F32;
        }
        return t == StoredType.BOOL ? StoredType.BOOL : StoredType.I64;
    }

    static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode m = root.putObject(SafetensorsReader.METADATA);
            metadata.forEach((k, v) -> m.put(k, v));
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (SafetensorsReader.METADATA.equals(e.getKey())) {
                throw new IllegalArgumentException("a tensor cannot be named " + SafetensorsReader.METADATA);
            }
            Tensor t = e.getValue();
            StoredType type = fileType(t.storedType());
            long bytes = (long) t.size() * Dtypes.size(type);
            ObjectNode info = root.putObject(e.getKey());
            info.put("dtype", type.name());
            ArrayNode shape = info.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            info.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        java.util.Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static void write(OutputStream out, byte[] header, Map<String, Tensor> tensors) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length);
        out.write(buf.array(), 0, 8);
        out.write(header);
        buf.clear();
        for (Tensor t : tensors.values()) {
            StoredType type = fileType(t.storedType());
            for (float v : t.data()) {
                if (buf.remaining() < 8) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                switch (type) {
                    case F32 -> buf.putFloat(v);
                    case BOOL -> buf.put((byte) (v != 0 ? 1 : 0));
                    default -> buf.putLong((long) v);
                }
            }
        }
        out.write(buf.array(), 0, buf.position());
    }
}
