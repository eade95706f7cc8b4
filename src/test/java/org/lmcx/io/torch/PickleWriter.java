package org.lmcx.io.torch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Emits pickle opcodes by hand, so tests can build exactly the byte sequences torch.save writes, and the
 * hostile ones it never would.
 */
final class PickleWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleWriter raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    PickleWriter proto() {
        return raw(0x80, 2);
    }

    PickleWriter global(String module, String name) {
        raw('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    PickleWriter stackGlobal(String module, String name) {
        return str(module).str(name).raw(0x93);
    }

    PickleWriter str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        raw('X');
        le(b.length, 4);
        out.writeBytes(b);
        return this;
    }

    PickleWriter integer(long v) {
        if (v >= 0 && v < 256) {
            return raw('K', (int) v);
        } else if (v >= 0 && v < 65536) {
            raw('M');
            return le(v, 2);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            raw('J');
            return le(v, 4);
        }
        raw(0x8a, 8);
        return le(v, 8);
    }

    PickleWriter le(long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
        return this;
    }

    PickleWriter mark() {
        return raw('(');
    }

    PickleWriter tuple() {
        return raw('t');
    }

    PickleWriter emptyTuple() {
        return raw(')');
    }

    PickleWriter emptyDict() {
        return raw('}');
    }

    PickleWriter emptyList() {
        return raw(']');
    }

    PickleWriter setItems() {
        return raw('u');
    }

    PickleWriter reduce() {
        return raw('R');
    }

    PickleWriter bool(boolean b) {
        return raw(b ? 0x88 : 0x89);
    }

    PickleWriter put(int i) {
        return raw('q', i);
    }

    PickleWriter get(int i) {
        return raw('h', i);
    }

    PickleWriter stop() {
        return raw('.');
    }

    PickleWriter orderedDict() {
        return global("collections", "OrderedDict").emptyTuple().reduce();
    }

    PickleWriter ints(long... vs) {
        mark();
        for (long v : vs) {
            integer(v);
        }
        return tuple();
    }

    /** The persistent id torch.save writes for a storage, followed by BINPERSID. */
    PickleWriter storage(String type, String key, long numel) {
        return mark().str("storage").global("torch", type).str(key).str("cpu").integer(numel).tuple().raw('Q');
    }

    /** torch._utils._rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict()). */
    PickleWriter tensor(String type, String key, long numel, long offset, long[] size, long[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").mark();
        storage(type, key, numel).integer(offset).ints(size).ints(stride).bool(false).orderedDict();
        return tuple().reduce();
    }

    /** A contiguous float32 tensor covering its whole storage. */
    PickleWriter floatTensor(String key, long... size) {
        long n = 1;
        for (long s : size) {
            n *= s;
        }
        return tensor("FloatStorage", key, n, 0, size, contiguousStride(size));
    }

    static long[] contiguousStride(long... size) {
        long[] st = new long[size.length];
        long e = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            st[d] = e;
            e *= size[d];
        }
        return st;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
