package org.lmcx.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.Fixtures;
import org.lmcx.model.InvalidModelException;
import org.lmcx.model.Tensor;
import org.lmcx.model.Tensor.StoredType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lmcx.io.RawSafetensors.concat;
import static org.lmcx.io.RawSafetensors.f32;
import static org.lmcx.io.RawSafetensors.f64;
import static org.lmcx.io.RawSafetensors.le;

class SafetensorsReaderTest {

    @TempDir
    Path tmp;

    @Test
    void sharedFixturesLoadWithTheShapesAndKeyOrderOfExpectedJson() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(Fixtures.shared("expected.json").toFile());
        assertThat(expected.size()).isEqualTo(4);
        for (JsonNode e : expected) {
            Path file = Fixtures.shared(e.get("file").asText());
            Map<String, Tensor> tensors = SafetensorsReader.read(file).tensors();
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = e.get("keys").fieldNames(); it.hasNext(); ) {
                String k = it.next();
                keys.add(k);
                int[] shape = new ObjectMapper().convertValue(e.get("keys").get(k), int[].class);
                assertThat(tensors.get(k).shape()).as(file.getFileName() + " " + k).containsExactly(shape);
            }
            assertThat(tensors.keySet()).containsExactlyElementsOf(keys);
        }
    }

    @Test
    void fixtureValuesAndStoredTypesMatchTheRawBytes() throws IOException {
        Path file = Fixtures.shared("torch_cnn_bn_s7.safetensors");
        SafetensorsReader.Contents c = SafetensorsReader.read(file);
        byte[] raw = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long dataStart = 8 + b.getLong(0);
        // 9.bias is the last tensor: [36752, 36792) in the header.
        float[] bias = c.tensors().get("9.bias").data();
        for (int i = 0; i < bias.length; i++) {
            assertThat(bias[i]).isEqualTo(b.getFloat((int) (dataStart + 36752 + 4L * i)));
        }
        Tensor nbt = c.tensors().get("1.num_batches_tracked");
        assertThat(nbt.storedType()).isEqualTo(StoredType.I64);
        assertThat(nbt.shape()).isEmpty();
        assertThat(nbt.data()[0]).isEqualTo((float) b.getLong((int) (dataStart + 448)));
        assertThat(c.tensors().get("0.weight").storedType()).isEqualTo(StoredType.F32);
        assertThat(c.metadata()).containsEntry("arch", "torch_cnn_bn").containsEntry("seed", "7");
        assertThat(SafetensorsReader.readMetadata(file)).isEqualTo(c.metadata());
    }

    @Test
    void convertsF16ExactlyIncludingSubnormalsInfinitiesAndSignedZero() throws IOException {
        int[] bits = {0x3C00, 0xC000, 0x7BFF, 0x0001, 0x03FF, 0x0400, 0x7C00, 0xFC00, 0x8000, 0x3555};
        float[] want = {1f, -2f, 65504f, 0x1p-24f, 1023 * 0x1p-24f, 0x1p-14f, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, -0f, 1365f / 4096f};
        long[] v = new long[bits.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = bits[i];
        }
        Path f = RawSafetensors.write(tmp, "h.safetensors",
                "{\"h\":{\"dtype\":\"F16\",\"shape\":[2,5],\"data_offsets\":[0,20]}}", le(2, v));
        Tensor t = SafetensorsReader.read(f).tensors().get("h");
        assertThat(t.storedType()).isEqualTo(StoredType.F16);
        assertThat(t.shape()).containsExactly(2, 5);
        for (int i = 0; i < want.length; i++) {
            assertThat(Float.floatToRawIntBits(t.data()[i])).as("half 0x%04x", bits[i])
                    .isEqualTo(Float.floatToRawIntBits(want[i]));
        }
    }

    @Test
    void halfConversionAgreesWithTheDefinitionForAllFiniteValuesAndKeepsNaN() {
        for (int h = 0; h < 0x10000; h++) {
            int exp = (h >> 10) & 0x1f;
            int mant = h & 0x3ff;
            double sign = (h & 0x8000) != 0 ? -1 : 1;
            float got = Dtypes.halfToFloat((short) h);
            if (exp == 0x1f) {
                assertThat(mant == 0 ? Float.isInfinite(got) : Float.isNaN(got)).as("0x%04x", h).isTrue();
                continue;
            }
            double value = exp == 0 ? sign * mant * Math.pow(2, -24)
                    : sign * (1 + mant / 1024.0) * Math.pow(2, exp - 15);
            assertThat((double) got).as("0x%04x", h).isEqualTo(value);
        }
    }

    @Test
    void convertsBf16F64AndIntegerTypesAndRemembersTheStoredType() throws IOException {
        byte[] bf = le(2, 0x3F80, 0x4049, 0xC2F7, 0x0001);
        byte[] f64 = f64(0.1, -1e300, 3.5);
        byte[] i32 = le(4, -7, 1 << 24);
        byte[] i16 = le(2, -32768, 123);
        byte[] i8 = le(1, -128, 127);
        byte[] u8 = le(1, 255, 0);
        byte[] bool = le(1, 0, 1, 2);
        String header = "{"
                + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[0,8]},"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[8,32]},"
                + "\"i32\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[32,40]},"
                + "\"i16\":{\"dtype\":\"I16\",\"shape\":[2],\"data_offsets\":[40,44]},"
                + "\"i8\":{\"dtype\":\"I8\",\"shape\":[2],\"data_offsets\":[44,46]},"
                + "\"u8\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[46,48]},"
                + "\"b\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[48,51]}}";
        Path f = RawSafetensors.write(tmp, "m.safetensors", header, concat(bf, f64, i32, i16, i8, u8, bool));
        Map<String, Tensor> t = SafetensorsReader.read(f).tensors();
        assertThat(t.keySet()).containsExactly("bf", "d", "i32", "i16", "i8", "u8", "b");
        assertThat(t.get("bf").data()).containsExactly(1f, 3.140625f, -123.5f, Float.intBitsToFloat(0x00010000));
        assertThat(t.get("d").data()).containsExactly(0.1f, Float.NEGATIVE_INFINITY, 3.5f);
        assertThat(t.get("i32").data()).containsExactly(-7f, 16777216f);
        assertThat(t.get("i16").data()).containsExactly(-32768f, 123f);
        assertThat(t.get("i8").data()).containsExactly(-128f, 127f);
        assertThat(t.get("u8").data()).containsExactly(255f, 0f);
        assertThat(t.get("b").data()).containsExactly(0f, 1f, 1f);
        assertThat(t.get("bf").storedType()).isEqualTo(StoredType.BF16);
        assertThat(t.get("d").storedType()).isEqualTo(StoredType.F64);
        assertThat(t.get("u8").storedType()).isEqualTo(StoredType.U8);
        assertThat(t.get("b").storedType()).isEqualTo(StoredType.BOOL);
    }

    @Test
    void readsTensorsLargerThanOneReadChunk() throws IOException {
        int n = 700_000; // 2.8 MB: spans several 1 MB chunks
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * 0.5f - 3;
        }
        Path f = RawSafetensors.write(tmp, "big.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[700,1000],\"data_offsets\":[0," + 4 * n + "]}}", f32(v));
        // Arrays.equals, not containsExactly: AssertJ's diff is quadratic on arrays this long.
        assertThat(java.util.Arrays.equals(SafetensorsReader.read(f).tensors().get("w").data(), v)).isTrue();
    }

    @Test
    void acceptsEmptyTensorsScalarsAndAHeaderWithoutMetadata() throws IOException {
        Path f = RawSafetensors.write(tmp, "e.safetensors", "{\"e\":{\"dtype\":\"F32\",\"shape\":[0,3],"
                + "\"data_offsets\":[0,0]},\"s\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}", f32(2.5f));
        SafetensorsReader.Contents c = SafetensorsReader.read(f);
        assertThat(c.tensors().get("e").size()).isZero();
        assertThat(c.tensors().get("s").data()).containsExactly(2.5f);
        assertThat(c.metadata()).isEmpty();
    }

    // ---- bad input: one InvalidModelException naming the file, one line ----

    private void assertRejected(Path file, String... fragments) {
        assertThatThrownBy(() -> SafetensorsReader.read(file))
                .isInstanceOf(InvalidModelException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).startsWith(file.getFileName().toString() + ":");
                    assertThat(e.getMessage()).doesNotContain("\n");
                    for (String f : fragments) {
                        assertThat(e.getMessage()).contains(f);
                    }
                });
    }

    @Test
    void rejectsHeaderLongerThanLimitBeforeAllocating() throws IOException {
        // The file is tiny, so a reader that compared with the file size first would say "only … follow".
        Path f = tmp.resolve("a.safetensors");
        Files.write(f, RawSafetensors.bytes(4294967296L, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]));
        assertRejected(f, "header claims 4294967296 bytes, more than the 100 MB limit");
        Path g = tmp.resolve("b.safetensors");
        Files.write(g, RawSafetensors.bytes(-1L, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]));
        assertRejected(g, "18446744073709551615", "100 MB limit");
        Path h = tmp.resolve("c.safetensors");
        Files.write(h, RawSafetensors.bytes(SafetensorsReader.MAX_HEADER_BYTES + 1, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]));
        assertRejected(h, "100 MB limit");
    }

    @Test
    void rejectsHeaderLongerThanTheFile() throws IOException {
        Path f = tmp.resolve("short.safetensors");
        Files.write(f, RawSafetensors.bytes(1000, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]));
        assertRejected(f, "header claims 1000 bytes", "only 2");
    }

    @Test
    void rejectsFilesTooShortForTheLengthField() throws IOException {
        Path f = Files.write(tmp.resolve("tiny.safetensors"), new byte[]{1, 2, 3});
        assertRejected(f, "3 bytes");
        Path empty = Files.write(tmp.resolve("empty.safetensors"), new byte[0]);
        assertRejected(empty, "0 bytes");
    }

    @Test
    void rejectsATruncatedFixture() throws IOException {
        byte[] full = Files.readAllBytes(Fixtures.shared("torch_mlp_small_s7.safetensors"));
        Path f = Files.write(tmp.resolve("cut.safetensors"), java.util.Arrays.copyOf(full, full.length - 20));
        assertRejected(f, "5.bias", "beyond the data section");
        Path g = Files.write(tmp.resolve("cut-header.safetensors"), java.util.Arrays.copyOf(full, 300));
        assertRejected(g, "header claims 616 bytes");
    }

    @Test
    void rejectsInvalidJsonAndWrongStructure() throws IOException {
        assertRejected(RawSafetensors.write(tmp, "j1.safetensors", "{\"a\": {\"dtype\": ", new byte[0]),
                "not valid JSON");
        assertRejected(RawSafetensors.write(tmp, "j2.safetensors", "[1,2,3]", new byte[0]), "not an object");
        assertRejected(RawSafetensors.write(tmp, "j3.safetensors", "{\"a\": 5}", new byte[0]),
                "tensor \"a\"", "JSON object");
        assertRejected(RawSafetensors.write(tmp, "j4.safetensors",
                "{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", f32(1)), "dtype");
        assertRejected(RawSafetensors.write(tmp, "j5.safetensors",
                "{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", f32(1)), "shape");
        assertRejected(RawSafetensors.write(tmp, "j6.safetensors",
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", f32(1)), "data_offsets");
        assertRejected(RawSafetensors.write(tmp, "j7.safetensors",
                "{\"__metadata__\":{\"n\":3}}", new byte[0]), "metadata \"n\"", "not a string");
        Path bad = tmp.resolve("j8.safetensors");
        Files.write(bad, RawSafetensors.bytes(4, new byte[]{'{', (byte) 0xff, (byte) 0xfe, '}'}, new byte[0]));
        assertRejected(bad, "UTF-8");
    }

    @Test
    void rejectsOffsetsOutsideTheDataSectionOrReversed() throws IOException {
        assertRejected(RawSafetensors.write(tmp, "o1.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", f32(1, 2)),
                "tensor \"w\"", "beyond the data section of 8 bytes");
        assertRejected(RawSafetensors.write(tmp, "o2.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,4]}}", f32(1, 2)),
                "begin after end");
        assertRejected(RawSafetensors.write(tmp, "o3.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", f32(1)),
                "non-negative");
        assertRejected(RawSafetensors.write(tmp, "o4.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,99999999999999999999999]}}", f32(1)),
                "non-negative integers");
    }

    @Test
    void rejectsDtypeSizeTimesShapeDifferentFromByteLength() throws IOException {
        assertRejected(RawSafetensors.write(tmp, "s1.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", f32(1, 2)),
                "F32 [3] = 12 bytes", "span 8 bytes");
        assertRejected(RawSafetensors.write(tmp, "s2.safetensors",
                "{\"w\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[0,4]}}", f32(1)), "8 bytes");
        assertRejected(RawSafetensors.write(tmp, "s3.safetensors", "{\"w\":{\"dtype\":\"F32\","
                + "\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,4]}}", f32(1)), "overflows");
    }

    @Test
    void rejectsUnknownDtypeAndNegativeDimensions() throws IOException {
        assertRejected(RawSafetensors.write(tmp, "d1.safetensors",
                "{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", new byte[1]),
                "unsupported dtype \"F8_E4M3\"");
        assertRejected(RawSafetensors.write(tmp, "d2.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1,4],\"data_offsets\":[0,16]}}", f32(1, 2, 3, 4)),
                "non-negative integer");
    }

    @Test
    void missingFileIsAnInvalidModelExceptionNamingIt() {
        assertRejected(tmp.resolve("nope.safetensors"), "not found");
    }
}
