package org.lmcx.io.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.model.InvalidModelException;

/** Files that try to run code, lie about sizes or break the pickle: all refused with a clear message. */
class TorchHostileTest {

    @TempDir
    Path dir;

    private Path zip(byte[] pkl) throws IOException {
        return new TorchZip("ckpt").pickle(pkl).version().floats("0", 1, 2, 3, 4).write(dir, "evil.pt");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refused(Path p) {
        return assertThatThrownBy(() -> TorchCheckpointReader.read(p, null))
                .isExactlyInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith(p.getFileName() + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void osSystemIsRefusedAndNeverRuns() throws IOException {
        Path marker = dir.resolve("pwned");
        byte[] pkl = new PickleWriter().proto().global("os", "system")
                .mark().str("touch " + marker).tuple().reduce().stop().bytes();
        refused(zip(pkl)).hasMessageContaining("'os.system'").hasMessageContaining("offset 2");
        assertThat(marker).doesNotExist();
    }

    @Test
    void stackGlobalPosixSystemIsRefusedToo() throws IOException {
        Path marker = dir.resolve("pwned2");
        byte[] pkl = new PickleWriter().proto().stackGlobal("posix", "system")
                .mark().str("touch " + marker).tuple().reduce().stop().bytes();
        refused(zip(pkl)).hasMessageContaining("'posix.system'");
        assertThat(marker).doesNotExist();
    }

    @Test
    void evalIsRefusedByName() throws IOException {
        byte[] pkl = new PickleWriter().proto().global("builtins", "eval")
                .mark().str("__import__('os').system('true')").tuple().reduce().stop().bytes();
        refused(zip(pkl)).hasMessageContaining("'builtins.eval'");
        byte[] py2 = new PickleWriter().proto().global("__builtin__", "eval").stop().bytes();
        refused(zip(py2)).hasMessageContaining("'__builtin__.eval'");
    }

    @Test
    void aTrainingScriptClassIsRefusedWithAdvice() throws IOException {
        // What torch.save(model) writes for a user's class: GLOBAL then NEWOBJ.
        byte[] pkl = new PickleWriter().proto().global("__main__", "Net").emptyTuple().raw(0x81).stop().bytes();
        refused(zip(pkl)).hasMessageContaining("'__main__.Net'")
                .hasMessageContaining("torch.save(model.state_dict(), path)");
    }

    @Test
    void aPickledTorchModuleGetsTheStateDictAdvice() throws IOException {
        byte[] pkl = new PickleWriter().proto().global("torch.nn.modules.linear", "Linear")
                .emptyTuple().raw(0x81).stop().bytes();
        refused(zip(pkl)).hasMessageContaining("torch.nn.modules.linear.Linear")
                .hasMessageContaining("save the state_dict instead: torch.save(model.state_dict(), path)");
    }

    @Test
    void hostileNamesCannotForgeLines() throws IOException {
        byte[] pkl = new PickleWriter().proto().stackGlobal("os\nINFO: all good", "system").stop().bytes();
        refused(zip(pkl)).hasMessageContaining("\\x0a");
    }

    @Test
    void allowedGlobalsWithWrongArgumentsAreRefused() throws IOException {
        byte[] wrongTypes = new PickleWriter().proto().global("torch._utils", "_rebuild_tensor_v2")
                .mark().str("x").integer(1).tuple().reduce().stop().bytes();
        refused(zip(wrongTypes)).hasMessageContaining("torch._utils._rebuild_tensor_v2 expects")
                .hasMessageContaining("(str, 1)");

        byte[] dictWithArgs = new PickleWriter().proto().global("collections", "OrderedDict")
                .mark().str("x").tuple().reduce().stop().bytes();
        refused(zip(dictWithArgs)).hasMessageContaining("collections.OrderedDict expects no arguments");

        byte[] rankMismatch = new PickleWriter().proto().emptyDict().str("w")
                .tensor("FloatStorage", "0", 4, 0, new long[]{2, 2}, new long[]{1})
                .raw('s').stop().bytes();
        refused(zip(rankMismatch)).hasMessageContaining("rank 2 but strides of rank 1");

        byte[] storageCalled = new PickleWriter().proto().global("torch", "FloatStorage")
                .emptyTuple().reduce().stop().bytes();
        refused(zip(storageCalled)).hasMessageContaining("'torch.FloatStorage' is not callable");

        byte[] parameterOfString = new PickleWriter().proto().global("torch._utils", "_rebuild_parameter")
                .mark().str("x").bool(false).orderedDict().tuple().reduce().stop().bytes();
        refused(zip(parameterOfString)).hasMessageContaining("_rebuild_parameter expects (tensor, bool, OrderedDict)");

        byte[] reduceOnString = new PickleWriter().proto().str("os.system").emptyTuple().reduce().stop().bytes();
        refused(zip(reduceOnString)).hasMessageContaining("REDUCE on a str");
    }

    @Test
    void truncatedPickleIsRefused() throws IOException {
        byte[] good = new PickleWriter().proto().orderedDict().mark().str("w").floatTensor("0", 4)
                .setItems().stop().bytes();
        for (int cut : new int[]{0, 1, 5, good.length / 2, good.length - 1}) {
            refused(zip(Arrays.copyOf(good, cut))).hasMessageMatching(".*(truncated|without a STOP).*");
        }
    }

    @Test
    void unsupportedOpcodesAreNamed() throws IOException {
        byte[] inst = new PickleWriter().proto().raw('i').stop().bytes();
        refused(zip(inst)).hasMessageContaining("unsupported pickle opcode INST (0x69)").hasMessageContaining("offset 2");
        byte[] ext = new PickleWriter().proto().raw(0x82, 1).stop().bytes();
        refused(zip(ext)).hasMessageContaining("EXT1");
        byte[] junk = new PickleWriter().proto().raw(0xff).stop().bytes();
        refused(zip(junk)).hasMessageContaining("<not an opcode> (0xff)");
    }

    @Test
    void malformedPicklesFailCleanly() throws IOException {
        refused(zip(new PickleWriter().proto().reduce().stop().bytes())).hasMessageContaining("stack underflow");
        refused(zip(new PickleWriter().proto().get(7).stop().bytes())).hasMessageContaining("memo has no entry 7");
        refused(zip(new PickleWriter().proto().emptyList().str("k").integer(1).raw('s').stop().bytes()))
                .hasMessageContaining("SETITEM on a list");
        refused(zip(new PickleWriter().proto().emptyDict().mark().str("k").setItems().stop().bytes()))
                .hasMessageContaining("odd number");
        refused(zip(new PickleWriter().proto().setItems().stop().bytes())).hasMessageContaining("no MARK");
        refused(zip(new PickleWriter().proto().emptyDict().emptyList().integer(1).raw('s').stop().bytes()))
                .hasMessageContaining("dict key of type list");
        refused(zip(new PickleWriter().proto().raw('X').le(0xfffffff0L, 4).stop().bytes()))
                .hasMessageContaining("truncated");
        refused(zip(new PickleWriter().proto().raw('X').le(2, 4).raw(0xc3, 0x28).stop().bytes()))
                .hasMessageContaining("not valid UTF-8");
        refused(zip(new PickleWriter().proto().integer(3).stop().bytes())).hasMessageContaining("holds a int");
        refused(zip(new PickleWriter().raw(0x80, 9).stop().bytes())).hasMessageContaining("protocol 9");
        refused(zip(new PickleWriter().proto().emptyDict().stop().bytes())).hasMessageContaining("no tensors found");
    }

    @Test
    void storageSmallerThanTheViewIsRefused() throws IOException {
        byte[] pkl = new PickleWriter().proto().emptyDict().str("w")
                .tensor("FloatStorage", "0", 4, 1, new long[]{2, 2}, new long[]{2, 1}).raw('s').stop().bytes();
        refused(zip(pkl)).hasMessageContaining("reads element 4 of storage '0', which holds only 4");

        byte[] lying = new PickleWriter().proto().emptyDict().str("w").floatTensor("0", 8).raw('s').stop().bytes();
        refused(zip(lying)).hasMessageContaining("declares 8 floatstorage elements (32 bytes) but data/0 holds 16");

        byte[] missing = new PickleWriter().proto().emptyDict().str("w").floatTensor("9", 4).raw('s').stop().bytes();
        refused(zip(missing)).hasMessageContaining("storage '9' has no zip entry");

        byte[] traversal = new PickleWriter().proto().emptyDict().str("w").floatTensor("../0", 4).raw('s').stop().bytes();
        refused(zip(traversal)).hasMessageContaining("invalid storage key");

        byte[] conflicting = new PickleWriter().proto().emptyDict().str("a").floatTensor("0", 4)
                .str("b").tensor("IntStorage", "0", 4, 0, new long[]{4}, new long[]{1}).raw('s', 's').stop().bytes();
        refused(zip(conflicting)).hasMessageContaining("is named as 4 floatstorage and as 4 intstorage");
    }

    @Test
    void pickleClaimingMoreBytesThanItHasIsRefused() throws IOException {
        byte[] pkl = new PickleWriter().proto().emptyDict().str("w").floatTensor("0", 4).raw('s').stop().bytes();
        byte[] z = deflatedPickleZip(pkl);
        patchCentralSize(z, "ckpt/data.pkl", pkl.length + 100);
        Path p = Files.write(dir.resolve("short.pt"), z);
        refused(p).hasMessageContaining("data.pkl declares " + (pkl.length + 100) + " bytes but holds only " + pkl.length);
    }

    @Test
    void deflateBombIsCutAtItsDeclaredSize() throws IOException {
        byte[] pkl = new PickleWriter().proto().emptyDict().str("w").floatTensor("0", 4).raw('s').stop().bytes();
        byte[] bomb = Arrays.copyOf(pkl, 20 << 20); // 20 MB of zeros after STOP, compressing to ~20 KB
        byte[] z = deflatedPickleZip(bomb);
        patchCentralSize(z, "ckpt/data.pkl", pkl.length);
        Path p = Files.write(dir.resolve("bomb.pt"), z);
        refused(p).hasMessageContaining("holds more bytes than the " + pkl.length + " it declares");

        byte[] z2 = deflatedPickleZip(bomb);
        patchCentralSize(z2, "ckpt/data.pkl", 100L << 20);
        refused(Files.write(dir.resolve("bomb2.pt"), z2)).hasMessageMatching(".*(impossible ratio|more than the).*");
    }

    @Test
    void notACheckpointAtAll() throws IOException {
        refused(Files.write(dir.resolve("legacy.pt"), new byte[]{(byte) 0x80, 2, (byte) 0x8a, 10}))
                .hasMessageContaining("legacy (pre-1.6)");
        refused(Files.write(dir.resolve("junk.pt"), "hello world".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("no zip signature");
        refused(Files.write(dir.resolve("empty.pt"), new byte[0])).hasMessageContaining("no zip signature");
        refused(dir.resolve("missing.pt")).hasMessageContaining("file not found");
        Path noPkl = new TorchZip("a").entry("a/version", "3".getBytes(StandardCharsets.UTF_8)).write(dir, "nopkl.pt");
        refused(noPkl).hasMessageContaining("no <archive>/data.pkl");
        Path script = new TorchZip("a").pickle(new byte[]{'.'}).entry("a/constants.pkl", new byte[1])
                .write(dir, "script.pt");
        refused(script).hasMessageContaining("TorchScript");
        byte[] damaged = Files.readAllBytes(zip(new PickleWriter().proto().emptyDict().stop().bytes()));
        refused(Files.write(dir.resolve("cut.pt"), Arrays.copyOf(damaged, damaged.length - 30)))
                .hasMessageContaining("zip");
    }

    @Test
    void bigEndianIsRefused() throws IOException {
        byte[] pkl = new PickleWriter().proto().emptyDict().str("w").floatTensor("0", 4).raw('s').stop().bytes();
        Path p = new TorchZip("ckpt").pickle(pkl).floats("0", 1, 2, 3, 4)
                .entry("ckpt/byteorder", "big".getBytes(StandardCharsets.UTF_8)).write(dir, "be.pt");
        refused(p).hasMessageContaining("byte order 'big'");
    }

    @Test
    void limitsAreEnforced() throws IOException {
        PickleWriter w = new PickleWriter().proto().emptyDict().mark();
        for (int i = 0; i < 3; i++) {
            w.str("t" + i).floatTensor("0", 4);
        }
        Path p = zip(w.setItems().stop().bytes());
        TorchCheckpointReader.Limits d = TorchCheckpointReader.Limits.defaults();
        assertThat(TorchCheckpointReader.read(p, null, d).tensors()).hasSize(3);
        assertThatThrownBy(() -> TorchCheckpointReader.read(p, null, new TorchCheckpointReader.Limits(
                d.maxPickleBytes(), d.maxZipEntries(), 2, d.maxPickleValues(), d.maxStorageBytes())))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("more than 2 tensors");
        assertThatThrownBy(() -> TorchCheckpointReader.read(p, null, new TorchCheckpointReader.Limits(
                d.maxPickleBytes(), d.maxZipEntries(), d.maxTensors(), 20, d.maxStorageBytes())))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("more than 20 values");
        assertThatThrownBy(() -> TorchCheckpointReader.read(p, null, new TorchCheckpointReader.Limits(
                10, d.maxZipEntries(), d.maxTensors(), d.maxPickleValues(), d.maxStorageBytes())))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("more than the 10 allowed");
        assertThatThrownBy(() -> TorchCheckpointReader.read(p, null, new TorchCheckpointReader.Limits(
                d.maxPickleBytes(), 2, d.maxTensors(), d.maxPickleValues(), d.maxStorageBytes())))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("entries");
    }

    @Test
    void markFloodHitsTheValueBudgetQuickly() throws IOException {
        byte[] floods = new byte[3_000_000];
        Arrays.fill(floods, (byte) '(');
        TorchCheckpointReader.Limits d = TorchCheckpointReader.Limits.defaults();
        Path p = zip(floods);
        assertThatThrownBy(() -> TorchCheckpointReader.read(p, null, new TorchCheckpointReader.Limits(
                d.maxPickleBytes(), d.maxZipEntries(), d.maxTensors(), 1_000_000, d.maxStorageBytes())))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("more than 1000000 values");
    }

    /** A zip whose data.pkl is deflated (torch never does this, but a hand-made file may). */
    private static byte[] deflatedPickleZip(byte[] pkl) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bos)) {
            ZipEntry e = new ZipEntry("ckpt/data.pkl");
            e.setMethod(ZipEntry.DEFLATED);
            z.putNextEntry(e);
            z.write(pkl);
            z.closeEntry();
            byte[] data = TorchZip.floatBytes(1, 2, 3, 4);
            z.putNextEntry(TorchZip.stored("ckpt/data/0", data));
            z.write(data);
            z.closeEntry();
        }
        return bos.toByteArray();
    }

    /** Rewrites the uncompressed size of an entry in the central directory (what ZipFile trusts). */
    static void patchCentralSize(byte[] z, String name, long size) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        for (int i = z.length - 46; i >= 0; i--) {
            if (z[i] == 'P' && z[i + 1] == 'K' && z[i + 2] == 1 && z[i + 3] == 2) {
                int nameLen = (z[i + 28] & 0xff) | (z[i + 29] & 0xff) << 8;
                if (nameLen == nameBytes.length && Arrays.equals(z, i + 46, i + 46 + nameLen, nameBytes, 0, nameLen)) {
                    for (int b = 0; b < 4; b++) {
                        z[i + 24 + b] = (byte) (size >>> (8 * b));
                    }
                    return;
                }
            }
        }
        throw new IllegalArgumentException("no central entry " + name);
    }
}
