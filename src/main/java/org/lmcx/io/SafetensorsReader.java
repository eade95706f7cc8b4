package org.lmcx.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lmcx.model.InvalidModelException;
import org.lmcx.model.Tensor;
import org.lmcx.model.Tensor.StoredType;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the <a href="https://github.com/huggingface/safetensors">safetensors</a> format with our own parser:
 * an 8-byte little-endian header length N, N bytes of UTF-8 JSON describing each tensor, then the raw
 * little-endian data. Nothing in the file is executed, and every size the header claims is checked against
 * the file before anything of that size is allocated, so a hostile or damaged file fails with a message
 * instead of an {@link OutOfMemoryError}.
 *
 * <p>All values are converted to {@code float}; {@link Tensor#storedType()} keeps the file's dtype.
 */
public final class SafetensorsReader {

    /** The reference implementation's limit too; real headers are kilobytes. */
    public static final long MAX_HEADER_BYTES = 100L * 1000 * 1000;

    /** Metadata key under which LMC Explorer stores the architecture descriptor JSON. */
    public static final String ARCHITECTURE_METADATA_KEY = "lmcx.architecture";

    static final String METADATA = "__metadata__";

    /** Duplicate keys are an error (JSON would let the last one win silently). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** Far above real checkpoints (a 70B-parameter LLM has ~1,000 tensors); keeps a hostile header cheap. */
    public static final int MAX_TENSORS = 100_000;
    /** Read granularity: bounded memory for huge tensors, a multiple of every dtype's size. */
    private static final int CHUNK = 1 << 20;

    /**
     * A parsed file.
     *
     * @param tensors  in header order
     * @param metadata the {@code __metadata__} strings (empty if none)
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /** One header entry, validated against the data section. */
    private record Entry(String name, StoredType type, int[] shape, long begin, long end) {
    }

    private SafetensorsReader() {
    }

    /**
     * Reads all tensors and the metadata.
     *
     * @throws InvalidModelException whose message starts with the file name and states the first problem
     */
    public static Contents read(Path file) {
        String name = IoNames.name(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = readHeader(ch, name);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(8, h.dataLength)))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (Entry e : h.entries) {
                float[] data = readData(ch, h.dataStart + e.begin, e, buf, name);
                tensors.put(e.name, new Tensor(e.shape, data, e.type));
            }
            return new Contents(tensors, h.metadata);
        } catch (NoSuchFileException e) {
            throw new InvalidModelException(name + ": file not found (" + file.toAbsolutePath() + ")", e);
        } catch (IOException e) {
            throw new InvalidModelException(name + ": cannot read: " + e, e);
        }
    }

    /** Only the {@code __metadata__} map, without reading tensor data (cheap even for huge files). */
    public static Map<String, String> readMetadata(Path file) {
        String name = IoNames.name(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return Collections.unmodifiableMap(readHeader(ch, name).metadata);
        } catch (NoSuchFileException e) {
            throw new InvalidModelException(name + ": file not found (" + file.toAbsolutePath() + ")", e);
        } catch (IOException e) {
            throw new InvalidModelException(name + ": cannot read: " + e, e);
        }
    }

    private record Header(List<Entry> entries, Map<String, String> metadata, long dataStart, long dataLength) {
    }

    private static Header readHeader(FileChannel ch, String name) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new InvalidModelException(name + ": file has " + size
                    + " bytes, too short for a safetensors header length (8 bytes)");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0);
        long n = lenBuf.getLong(0);
        // An unsigned u64 above Long.MAX_VALUE shows up negative here; compareUnsigned keeps it "huge".
        if (Long.compareUnsigned(n, MAX_HEADER_BYTES) > 0) {
            throw new InvalidModelException(name + ": header claims " + Long.toUnsignedString(n)
                    + " bytes, more than the 100 MB limit");
        }
        if (n > size - 8) {
            throw new InvalidModelException(name + ": header claims " + n + " bytes but only " + (size - 8)
                    + " follow the length field (truncated file?)");
        }
        if (n < 2) {
            throw new InvalidModelException(name + ": header of " + n + " bytes cannot hold a JSON object");
        }
        // Header bytes, the decoded string and the JSON tree (~20 bytes per header byte) before anything else.
        org.lmcx.model.MemoryBudget.require(name + ": a header of " + n + " bytes", n * 24);
        ByteBuffer hb = ByteBuffer.allocate((int) n);
        readFully(ch, hb, 8);
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(hb.flip()).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidModelException(name + ": header is not valid UTF-8", e);
        }
        JsonNode root;
        try {
            requireFewTensors(json, name);
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidModelException(name + ": header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidModelException(name + ": header JSON is not an object");
        }
        long dataStart = 8 + n;
        long dataLength = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> f : root.properties()) {
            if (METADATA.equals(f.getKey())) {
                readMetadata(f.getValue(), metadata, name);
            } else {
                entries.add(entry(f.getKey(), f.getValue(), dataLength, name));
            }
        }
        requireDisjoint(entries, dataLength, name);
        return new Header(entries, metadata, dataStart, dataLength);
    }

    /** Counts the header's top-level keys with the streaming parser, so a million-tensor header is refused fast. */
    private static void requireFewTensors(String json, String name) throws java.io.IOException {
        try (com.fasterxml.jackson.core.JsonParser p = JSON.getFactory().createParser(json)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return; // readTree reports what it is
            }
            int keys = 0;
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                if (++keys > MAX_TENSORS + 1) {
                    throw new InvalidModelException(name + ": header lists more than " + MAX_TENSORS
                            + " tensors (limit " + MAX_TENSORS + ")");
                }
                p.nextToken();
                p.skipChildren();
            }
        }
    }

    /**
     * As the reference implementation requires: sorted by offset, the tensors tile the data section exactly,
     * without overlaps (two tensors sharing bytes) or gaps.
     */
    private static void requireDisjoint(List<Entry> entries, long dataLength, String name) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(java.util.Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin < at) {
                throw new InvalidModelException(name + ": tensors \"" + previous.name + "\" and \"" + e.name
                        + "\" overlap (data_offsets [" + previous.begin + "," + previous.end + "] and [" + e.begin
                        + "," + e.end + "])");
            }
            if (e.begin > at) {
                throw new InvalidModelException(name + ": " + (e.begin - at) + " bytes before tensor \"" + e.name
                        + "\" (data_offsets begin " + e.begin + ") belong to no tensor");
            }
            at = e.end;
            previous = e;
        }
        if (at != dataLength) {
            throw new InvalidModelException(name + ": the tensors cover " + at + " of the " + dataLength
                    + " data bytes (trailing bytes belong to no tensor)");
        }
    }

    private static void readMetadata(JsonNode node, Map<String, String> out, String name) {
        if (node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new InvalidModelException(name + ": \"__metadata__\" is not a JSON object");
        }
        for (Map.Entry<String, JsonNode> m : node.properties()) {
            if (!m.getValue().isTextual()) {
                throw new InvalidModelException(name + ": metadata \"" + m.getKey()
                        + "\" is not a string (safetensors metadata maps strings to strings)");
            }
            out.put(m.getKey(), m.getValue().textValue());
        }
    }

    private static Entry entry(String key, JsonNode node, long dataLength, String name) {
        String where = name + ": tensor \"" + key + "\"";
        if (!node.isObject()) {
            throw new InvalidModelException(where + " is not described by a JSON object");
        }
        JsonNode dt = node.get("dtype");
        if (dt == null || !dt.isTextual()) {
            throw new InvalidModelException(where + " has no \"dtype\" string");
        }
        StoredType type = Dtypes.parse(dt.textValue());
        if (type == null) {
            throw new InvalidModelException(where + " has unsupported dtype \"" + dt.textValue()
                    + "\" (supported: F32, F64, F16, BF16, I64, I32, I16, I8, U8, BOOL)");
        }
        JsonNode sh = node.get("shape");
        if (sh == null || !sh.isArray()) {
            throw new InvalidModelException(where + " has no \"shape\" array");
        }
        int[] shape = new int[sh.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = sh.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.longValue() < 0) {
                throw new InvalidModelException(where + " has shape " + sh + " with an entry that is not a "
                        + "non-negative integer");
            }
            if (d.longValue() > Integer.MAX_VALUE) {
                throw new InvalidModelException(where + " has dimension " + d + ", too large");
            }
            shape[i] = d.intValue();
            try {
                count = Math.multiplyExact(count, shape[i]);
            } catch (ArithmeticException e) {
                throw new InvalidModelException(where + " has shape " + sh + " whose size overflows");
            }
        }
        JsonNode off = node.get("data_offsets");
        if (off == null || !off.isArray() || off.size() != 2) {
            throw new InvalidModelException(where + " has no \"data_offsets\" pair [begin, end]");
        }
        long[] be = new long[2];
        for (int i = 0; i < 2; i++) {
            JsonNode o = off.get(i);
            if (!o.isIntegralNumber() || !o.canConvertToLong() || o.longValue() < 0) {
                throw new InvalidModelException(where + " has data_offsets " + off
                        + " that are not non-negative integers");
            }
            be[i] = o.longValue();
        }
        if (be[0] > be[1]) {
            throw new InvalidModelException(where + " has data_offsets " + off + " with begin after end");
        }
        if (be[1] > dataLength) {
            throw new InvalidModelException(where + " has data_offsets " + off + " beyond the data section of "
                    + dataLength + " bytes (truncated file?)");
        }
        long bytes = be[1] - be[0];
        int elemSize = Dtypes.size(type);
        if (count > Long.MAX_VALUE / elemSize || count * elemSize != bytes) {
            throw new InvalidModelException(where + " is " + type + " " + java.util.Arrays.toString(shape)
                    + " = " + (count > Long.MAX_VALUE / elemSize ? "too many" : String.valueOf(count * elemSize))
                    + " bytes, but its data_offsets span " + bytes + " bytes");
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new InvalidModelException(where + " has " + count + " elements, more than a Java array holds");
        }
        return new Entry(key, type, shape, be[0], be[1]);
    }

    private static float[] readData(FileChannel ch, long pos, Entry e, ByteBuffer buf, String name)
            throws IOException {
        int size = Dtypes.size(e.type);
        int count = (int) ((e.end - e.begin) / size);
        float[] out = new float[count];
        int done = 0;
        long p = pos;
        while (done < count) {
            int n = Math.min(count - done, buf.capacity() / size);
            buf.clear().limit(n * size);
            try {
                readFully(ch, buf, p);
            } catch (EOFException ex) {
                throw new InvalidModelException(name + ": tensor \"" + e.name + "\" ends beyond the file", ex);
            }
            buf.flip();
            Dtypes.decode(e.type, buf, out, done, n);
            done += n;
            p += (long) n * size;
        }
        return out;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        long p = pos;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, p);
            if (r < 0) {
                throw new EOFException("unexpected end of file at byte " + p);
            }
            p += r;
        }
    }
}
