package org.lmcx.io.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.model.InvalidModelException;
import org.lmcx.model.Tensor;

/** Valid but less common shapes of checkpoints: views, dtypes, training dicts, DataParallel prefixes. */
class TorchContainerTest {

    @TempDir
    Path dir;

    @Test
    void sharedStorageWithStridedViews() throws IOException {
        // One storage [0..5] seen as a 2x3 matrix, its transpose, and every second element from index 2.
        byte[] pkl = new PickleWriter().proto().orderedDict().mark()
                .str("a").tensor("FloatStorage", "0", 6, 0, new long[]{2, 3}, new long[]{3, 1})
                .str("t").tensor("FloatStorage", "0", 6, 0, new long[]{3, 2}, new long[]{1, 3})
                .str("s").tensor("FloatStorage", "0", 6, 2, new long[]{2}, new long[]{2})
                .str("bcast").tensor("FloatStorage", "0", 6, 1, new long[]{2, 2}, new long[]{0, 1})
                .str("scalar").tensor("FloatStorage", "0", 6, 5, new long[]{}, new long[]{})
                .str("empty").tensor("FloatStorage", "0", 6, 6, new long[]{0, 3}, new long[]{3, 1})
                .setItems().stop().bytes();
        Path p = new TorchZip("m").pickle(pkl).version().floats("0", 0, 1, 2, 3, 4, 5).write(dir, "views.pt");
        Map<String, Tensor> t = TorchCheckpointReader.read(p, null);

        assertThat(t.keySet()).containsExactly("a", "t", "s", "bcast", "scalar", "empty");
        assertThat(t.get("a").data()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(t.get("t").shape()).containsExactly(3, 2);
        assertThat(t.get("t").data()).containsExactly(0, 3, 1, 4, 2, 5);
        assertThat(t.get("s").data()).containsExactly(2, 4);
        assertThat(t.get("bcast").data()).containsExactly(1, 2, 1, 2);
        assertThat(t.get("scalar").rank()).isZero();
        assertThat(t.get("scalar").data()).containsExactly(5);
        assertThat(t.get("empty").shape()).containsExactly(0, 3);
        // Views of one storage must not share arrays: a Tensor's data is its own.
        assertThat(t.get("a").data()).isNotSameAs(t.get("t").data());
    }

    @Test
    void everyDtypeDecodesLittleEndian() throws IOException {
        ByteBuffer half = le(6).putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x0001);
        ByteBuffer bf16 = le(4).putShort((short) 0x3f80).putShort((short) 0xc0a0);
        ByteBuffer f64 = le(16).putDouble(0.1).putDouble(-2.5);
        ByteBuffer i64 = le(16).putLong(-7).putLong(1L << 40);
        ByteBuffer i32 = le(8).putInt(-3).putInt(100_000);
        ByteBuffer i16 = le(4).putShort((short) -2).putShort((short) 300);
        byte[] i8 = {-5, 7};
        byte[] u8 = {(byte) 250, 3};
        byte[] bool = {1, 0};
        PickleWriter w = new PickleWriter().proto().orderedDict().mark();
        String[][] specs = {{"HalfStorage", "3"}, {"BFloat16Storage", "2"}, {"DoubleStorage", "2"},
                {"LongStorage", "2"}, {"IntStorage", "2"}, {"ShortStorage", "2"}, {"CharStorage", "2"},
                {"ByteStorage", "2"}, {"BoolStorage", "2"}};
        for (int i = 0; i < specs.length; i++) {
            long n = Long.parseLong(specs[i][1]);
            w.str(specs[i][0]).tensor(specs[i][0], "s" + i, n, 0, new long[]{n}, new long[]{1});
        }
        Path p = new TorchZip("m").pickle(w.setItems().stop().bytes())
                .storage("s0", written(half)).storage("s1", written(bf16)).storage("s2", written(f64))
                .storage("s3", written(i64)).storage("s4", written(i32)).storage("s5", written(i16))
                .storage("s6", i8).storage("s7", u8).storage("s8", bool).write(dir, "dtypes.pt");
        Map<String, Tensor> t = TorchCheckpointReader.read(p, null);

        assertThat(t.get("HalfStorage").data()).containsExactly(1f, -2f, 0x1p-24f);
        assertThat(t.get("HalfStorage").storedType()).isEqualTo(Tensor.StoredType.F16);
        assertThat(t.get("BFloat16Storage").data()).containsExactly(1f, -5f);
        assertThat(t.get("BFloat16Storage").storedType()).isEqualTo(Tensor.StoredType.BF16);
        assertThat(t.get("DoubleStorage").data()).containsExactly(0.1f, -2.5f);
        assertThat(t.get("DoubleStorage").storedType()).isEqualTo(Tensor.StoredType.F64);
        assertThat(t.get("LongStorage").data()).containsExactly(-7f, (float) (1L << 40));
        assertThat(t.get("LongStorage").storedType()).isEqualTo(Tensor.StoredType.I64);
        assertThat(t.get("IntStorage").data()).containsExactly(-3f, 100_000f);
        assertThat(t.get("IntStorage").storedType()).isEqualTo(Tensor.StoredType.I32);
        assertThat(t.get("ShortStorage").data()).containsExactly(-2f, 300f);
        assertThat(t.get("CharStorage").data()).containsExactly(-5f, 7f);
        assertThat(t.get("ByteStorage").data()).containsExactly(250f, 3f);
        assertThat(t.get("ByteStorage").storedType()).isEqualTo(Tensor.StoredType.U8);
        assertThat(t.get("BoolStorage").data()).containsExactly(1f, 0f);
        assertThat(t.get("BoolStorage").storedType()).isEqualTo(Tensor.StoredType.BOOL);
    }

    @Test
    void halfPrecisionSpecialValues() {
        assertThat(StorageType.halfToFloat(0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(StorageType.halfToFloat(0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(StorageType.halfToFloat(0x7e00)).isNaN();
        assertThat(StorageType.halfToFloat(0x7bff)).isEqualTo(65504f);
        assertThat(StorageType.halfToFloat(0x8000)).isEqualTo(-0f);
        assertThat(StorageType.halfToFloat(0x0400)).isEqualTo(0x1p-14f);
        assertThat(StorageType.halfToFloat(0x03ff)).isEqualTo(0x3ffp-24f);
    }

    /** {'epoch': 3, 'model_state_dict': {...}, 'optimizer_state_dict': {'state': {0: {...}}, ...}, 'ema': {...}}. */
    private Path trainingCheckpoint(String prefix) throws IOException {
        PickleWriter w = new PickleWriter().proto().emptyDict().mark()
                .str("epoch").integer(3)
                .str("best_acc").raw('G').le(Long.reverseBytes(Double.doubleToLongBits(0.87)), 8)
                .str("model_state_dict").orderedDict().mark()
                .str(prefix + "fc.weight").floatTensor("0", 2, 2)
                .str(prefix + "fc.bias").floatTensor("1", 2)
                .str(prefix + "bn.num_batches_tracked").tensor("LongStorage", "2", 1, 0, new long[]{}, new long[]{})
                .setItems()
                .str("optimizer_state_dict").emptyDict().mark()
                .str("state").emptyDict().integer(0).emptyDict().mark()
                .str("step").integer(10).str("exp_avg").floatTensor("3", 2, 2).str("exp_avg_sq").floatTensor("4", 2, 2)
                .setItems().raw('s')
                .str("param_groups").emptyList().emptyDict().mark().str("lr").raw('G').le(0x3f50624dd2f1a9fcL, 8)
                .str("params").emptyList().integer(0).raw('a').str("betas").mark().raw('G').le(0x3feccccccccccccdL, 8)
                .raw('G').le(0x3fefff2e48e8a71eL, 8).tuple().str("amsgrad").bool(false).str("name").raw(0x4e).setItems()
                .raw('a').setItems()
                .str("ema").emptyDict().mark().str("state_dict").orderedDict().mark()
                .str("fc.weight").floatTensor("5", 2, 2).setItems().str("decay").raw('G').le(0, 8).setItems()
                .setItems().stop();
        return new TorchZip("ckpt").pickle(w.bytes()).version()
                .floats("0", 1, 2, 3, 4).floats("1", 5, 6)
                .storage("2", ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(42).array())
                .floats("3", 0, 0, 0, 0).floats("4", 0, 0, 0, 0).floats("5", 9, 9, 9, 9)
                .write(dir, "train" + prefix.length() + ".pt");
    }

    @Test
    void trainingCheckpointIsFoundAutomatically() throws IOException {
        TorchCheckpointReader.Result r = TorchCheckpointReader.read(trainingCheckpoint(""), null,
                TorchCheckpointReader.Limits.defaults());
        assertThat(r.tensorPath()).isEqualTo("model_state_dict");
        assertThat(r.tensors().keySet()).containsExactly("fc.weight", "fc.bias", "bn.num_batches_tracked");
        assertThat(r.tensors().get("fc.weight").data()).containsExactly(1, 2, 3, 4);
        assertThat(r.tensors().get("bn.num_batches_tracked").data()).containsExactly(42);
        // Optimizer moments sit under int keys (param ids), so they are never offered as a weights dict.
        assertThat(r.otherPaths()).containsExactly("ema.state_dict");
        assertThat(r.description()).contains("training checkpoint").contains("'model_state_dict'");
    }

    @Test
    void keyChoosesTheDict() throws IOException {
        Path p = trainingCheckpoint("");
        assertThat(TorchCheckpointReader.read(p, "model_state_dict").keySet())
                .containsExactly("fc.weight", "fc.bias", "bn.num_batches_tracked");
        Map<String, Tensor> ema = TorchCheckpointReader.read(p, "ema.state_dict");
        assertThat(ema.keySet()).containsExactly("fc.weight");
        assertThat(ema.get("fc.weight").data()).containsExactly(9, 9, 9, 9);

        assertThatThrownBy(() -> TorchCheckpointReader.read(p, "model"))
                .isInstanceOf(InvalidModelException.class)
                .hasMessage("train0.pt: no entry 'model' in the checkpoint; top-level keys: ['epoch', 'best_acc',"
                        + " 'model_state_dict', 'optimizer_state_dict', 'ema']");
        assertThatThrownBy(() -> TorchCheckpointReader.read(p, "epoch"))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("'epoch' holds a int, not a dict");
        assertThatThrownBy(() -> TorchCheckpointReader.read(p, "optimizer_state_dict"))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("holds no tensors");
    }

    @Test
    void dataParallelPrefixIsStripped() throws IOException {
        Map<String, Tensor> t = TorchCheckpointReader.read(trainingCheckpoint("module."), null);
        assertThat(t.keySet()).containsExactly("fc.weight", "fc.bias", "bn.num_batches_tracked");
    }

    @Test
    void prefixIsKeptUnlessAllKeysHaveIt() throws IOException {
        byte[] pkl = new PickleWriter().proto().orderedDict().mark()
                .str("module.a").floatTensor("0", 2).str("b").floatTensor("1", 2).setItems().stop().bytes();
        Path p = new TorchZip("m").pickle(pkl).floats("0", 1, 2).floats("1", 3, 4).write(dir, "mixed.pt");
        assertThat(TorchCheckpointReader.read(p, null).keySet()).containsExactly("module.a", "b");
    }

    @Test
    void stateDictMetadataAndParametersAreAccepted() throws IOException {
        // model.state_dict() carries _metadata set by BUILD; nn.Parameter goes through _rebuild_parameter.
        byte[] pkl = new PickleWriter().proto().orderedDict().put(0).mark()
                .str("w").global("torch._utils", "_rebuild_parameter").mark().floatTensor("0", 2).bool(true)
                .orderedDict().tuple().reduce()
                .str("v").global("torch._utils", "_rebuild_parameter_with_state").mark().floatTensor("1", 2)
                .bool(true).orderedDict().emptyDict().tuple().reduce()
                .setItems()
                .emptyDict().str("_metadata").orderedDict().mark().str("").emptyDict().str("version").integer(1)
                .raw('s').setItems().raw('s').raw('b')
                .stop().bytes();
        Path p = new TorchZip("m").pickle(pkl).floats("0", 1, 2).floats("1", 3, 4)
                .entry("m/byteorder", "little".getBytes(StandardCharsets.UTF_8)).write(dir, "meta.pt");
        Map<String, Tensor> t = TorchCheckpointReader.read(p, null);
        assertThat(t.get("w").data()).containsExactly(1, 2);
        assertThat(t.get("v").data()).containsExactly(3, 4);
    }

    @Test
    void selfReferencingDictsDoNotLoop() throws IOException {
        // d = {'w': tensor}; d['self'] = d; d['again'] = d
        byte[] pkl = new PickleWriter().proto().emptyDict().put(0).str("w").floatTensor("0", 2).raw('s')
                .str("self").get(0).raw('s').str("again").get(0).raw('s').stop().bytes();
        Path p = new TorchZip("m").pickle(pkl).floats("0", 1, 2).write(dir, "cycle.pt");
        assertThat(TorchCheckpointReader.read(p, null).keySet()).containsExactly("w");
    }

    @Test
    void protocolFourOpcodesWork() throws IOException {
        // FRAME, SHORT_BINUNICODE, MEMOIZE and STACK_GLOBAL as Python 3.8+ writes with protocol 4.
        PickleWriter w = new PickleWriter().raw(0x80, 4).raw(0x95).le(0, 8)
                .raw(0x8c, "collections".length()).raw("collections".getBytes(StandardCharsets.UTF_8)[0]);
        byte[] rest = "ollections".getBytes(StandardCharsets.UTF_8);
        for (byte b : rest) {
            w.raw(b);
        }
        w.raw(0x94).raw(0x8c, 11);
        for (byte b : "OrderedDict".getBytes(StandardCharsets.UTF_8)) {
            w.raw(b);
        }
        w.raw(0x94, 0x93, 0x94).emptyTuple().reduce().raw(0x94).mark().str("w").floatTensor("0", 2)
                .str("n").raw(0x8a, 2).le(-2, 2).setItems().stop();
        Path p = new TorchZip("m").pickle(w.bytes()).floats("0", 1, 2).write(dir, "p4.pt");
        assertThat(TorchCheckpointReader.read(p, null).get("w").data()).containsExactly(1, 2);
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The bytes put into {@code b} so far. */
    private static byte[] written(ByteBuffer b) {
        byte[] out = new byte[b.flip().remaining()];
        b.get(out);
        return out;
    }
}
