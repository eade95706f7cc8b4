package org.lmcx.io.torch;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.function.Function;

/**
 * A pickle virtual machine that understands only what torch.save writes for tensors and plain
 * containers. Unlike Python's unpickler it has no notion of importing or calling: GLOBAL resolves a name
 * against {@link TorchGlobals}' allowlist (anything else is refused on sight) and REDUCE dispatches to
 * our argument-checking Java code. Every other opcode is refused by name and offset.
 *
 * <p>Resource use is bounded: each opcode consumes at least one input byte and does work proportional to
 * what it pops, lengths are checked against the remaining input before anything is allocated, and the
 * stack, marks, memo and container items share one item budget.
 */
final class RestrictedUnpickler implements TorchGlobals.TensorCounter {

    private final byte[] in;
    private final Function<Object, Object> persistentLoad;
    private final long maxItems;
    private final int maxTensors;
    private final int maxElementsPerTensor;

    private int pos;
    private final ArrayList<Object> stack = new ArrayList<>();
    private int[] marks = new int[16];
    private int markCount;
    private final HashMap<Long, Object> memo = new HashMap<>();
    private long items;
    private int tensors;

    /**
     * @param persistentLoad resolves a BINPERSID id (already popped) to a value; may throw
     *                       {@link TorchFormatException}
     */
    RestrictedUnpickler(byte[] in, Function<Object, Object> persistentLoad, long maxItems, int maxTensors,
                        int maxElementsPerTensor) {
        this.in = in;
        this.persistentLoad = persistentLoad;
        this.maxItems = maxItems;
        this.maxTensors = maxTensors;
        this.maxElementsPerTensor = maxElementsPerTensor;
    }

    @Override
    public int maxElementsPerTensor() {
        return maxElementsPerTensor;
    }

    @Override
    public void countTensor() {
        if (++tensors > maxTensors) {
            throw new TorchFormatException("data.pkl builds more than " + maxTensors + " tensors");
        }
    }

    int tensorCount() {
        return tensors;
    }

    /** Runs the pickle to its STOP and returns the value it leaves. */
    Object load() {
        while (true) {
            if (pos >= in.length) {
                throw fail(pos, "data.pkl ends without a STOP opcode (truncated?)");
            }
            int at = pos;
            int op = in[pos++] & 0xff;
            switch (op) {
                case 0x80 -> { // PROTO
                    int v = u8(at);
                    if (v < 2 || v > 5) {
                        throw fail(at, "unsupported pickle protocol " + v);
                    }
                }
                case 0x95 -> { // FRAME: framing is only a buffering hint
                    long len = s64(at);
                    if (len < 0 || len > in.length - pos) {
                        throw fail(at, "FRAME of " + len + " bytes runs past the end of data.pkl");
                    }
                }
                case '}' -> push(new Py.Dict(false), at);
                case ']' -> push(new Py.PyList(), at);
                case ')' -> push(new Py.Tuple(List.of()), at);
                case '(' -> mark(at);
                case 'X' -> push(utf8(at, u32(at)), at); // BINUNICODE
                case 0x8c -> push(utf8(at, u8(at)), at); // SHORT_BINUNICODE
                case 0x8d -> push(utf8(at, s64(at)), at); // BINUNICODE8
                case 'C' -> push(new Py.Bytes(bytes(at, u8(at))), at); // SHORT_BINBYTES
                case 'B' -> push(new Py.Bytes(bytes(at, u32(at))), at); // BINBYTES
                case 'q' -> put(at, u8(at)); // BINPUT
                case 'r' -> put(at, u32(at)); // LONG_BINPUT
                case 0x94 -> put(at, memo.size()); // MEMOIZE
                case 'h' -> get(at, u8(at)); // BINGET
                case 'j' -> get(at, u32(at)); // LONG_BINGET
                case 'J' -> push((long) s32(at), at); // BININT
                case 'K' -> push((long) u8(at), at); // BININT1
                case 'M' -> push((long) (u8(at) | u8(at) << 8), at); // BININT2
                case 0x8a -> push(long1(at), at); // LONG1
                case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(s64(at))), at); // BINFLOAT, big-endian
                case 'N' -> push(Py.None.NONE, at);
                case 0x88 -> push(true, at);
                case 0x89 -> push(false, at);
                case 't' -> push(tuple(popMark(at)), at);
                case 0x85 -> push(tuple(popN(at, 1)), at);
                case 0x86 -> push(tuple(popN(at, 2)), at);
                case 0x87 -> push(tuple(popN(at, 3)), at);
                case '0' -> pop(at); // POP
                case '1' -> popMark(at); // POP_MARK
                case 's' -> { // SETITEM
                    Object v = pop(at);
                    Object k = pop(at);
                    setItem(dictOnTop(at, "SETITEM"), k, v, at);
                }
                case 'u' -> { // SETITEMS
                    List<Object> kv = popMark(at);
                    if (kv.size() % 2 != 0) {
                        throw fail(at, "SETITEMS with an odd number (" + kv.size() + ") of keys and values");
                    }
                    Py.Dict d = dictOnTop(at, "SETITEMS");
                    for (int i = 0; i < kv.size(); i += 2) {
                        setItem(d, kv.get(i), kv.get(i + 1), at);
                    }
                }
                case 'a' -> { // APPEND
                    Object v = pop(at);
                    Py.PyList l = listOnTop(at, "APPEND");
                    count(at, 1);
                    l.items.add(v);
                }
                case 'e' -> { // APPENDS
                    List<Object> vs = popMark(at);
                    Py.PyList l = listOnTop(at, "APPENDS");
                    count(at, vs.size());
                    l.items.addAll(vs);
                }
                case 'c' -> { // GLOBAL: "module\nname\n"
                    String module = line(at);
                    String name = line(at);
                    push(TorchGlobals.resolve(module, name, at), at);
                }
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop(at);
                    Object module = pop(at);
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw fail(at, "STACK_GLOBAL needs two strings, got " + Py.typeName(module) + " and "
                                + Py.typeName(name));
                    }
                    push(TorchGlobals.resolve(m, n, at), at);
                }
                case 'R' -> { // REDUCE
                    Object args = pop(at);
                    Object callable = pop(at);
                    if (!(callable instanceof TorchGlobals.Global g)) {
                        throw fail(at, "REDUCE on a " + Py.typeName(callable) + ", which is not callable");
                    }
                    if (!(args instanceof Py.Tuple t)) {
                        throw fail(at, "REDUCE of " + g.qualifiedName() + " with a " + Py.typeName(args)
                                + " instead of an argument tuple");
                    }
                    push(TorchGlobals.call(g, t, at, this), at);
                }
                case 'b' -> build(at);
                case 'Q' -> { // BINPERSID
                    Object pid = pop(at);
                    Object v;
                    try {
                        v = persistentLoad.apply(pid);
                    } catch (TorchFormatException e) {
                        throw new TorchFormatException(e.getMessage() + " (data.pkl offset " + at + ")");
                    }
                    push(v, at);
                }
                case '.' -> { // STOP
                    return pop(at);
                }
                default -> throw fail(at, "unsupported pickle opcode " + opcodeName(op)
                        + String.format(" (0x%02x)", op) + "; torch.save never writes it for tensors");
            }
        }
    }

    // ---- input -------------------------------------------------------------------------------------

    private int u8(int at) {
        need(at, 1);
        return in[pos++] & 0xff;
    }

    private int s32(int at) {
        need(at, 4);
        int v = (in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8 | (in[pos + 2] & 0xff) << 16 | (in[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    private long u32(int at) {
        return s32(at) & 0xffffffffL;
    }

    private long s64(int at) {
        long lo = u32(at);
        long hi = u32(at);
        return lo | hi << 32;
    }

    private void need(int at, long n) {
        if (n < 0 || n > in.length - pos) {
            throw fail(at, "data.pkl is truncated: needs " + n + " more bytes, " + (in.length - pos) + " left");
        }
    }

    private long long1(int at) {
        int n = u8(at);
        if (n > 8) {
            throw fail(at, "integer of " + n + " bytes is too large");
        }
        need(at, n);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (in[pos + i] & 0xffL) << (8 * i);
        }
        if (n > 0 && n < 8 && (in[pos + n - 1] & 0x80) != 0) {
            v |= -1L << (8 * n); // sign-extend the two's complement
        }
        pos += n;
        return v;
    }

    private byte[] bytes(int at, long n) {
        need(at, n);
        byte[] b = Arrays.copyOfRange(in, pos, pos + (int) n);
        pos += (int) n;
        return b;
    }

    private String utf8(int at, long n) {
        need(at, n);
        // Strict decoding: malformed UTF-8 is a corrupt file, not something to paper over with U+FFFD.
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer cb = dec.decode(ByteBuffer.wrap(in, pos, (int) n));
            pos += (int) n;
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw fail(at, "string is not valid UTF-8");
        }
    }

    /** A GLOBAL operand: printable ASCII up to a newline, as Python's pickler writes module and name. */
    private String line(int at) {
        int start = pos;
        int limit = Math.min(in.length, pos + 512);
        for (int i = pos; i < limit; i++) {
            int c = in[i] & 0xff;
            if (c == '\n') {
                pos = i + 1;
                return new String(in, start, i - start, StandardCharsets.ISO_8859_1);
            }
            if (c < 0x20 || c > 0x7e) {
                throw fail(at, "GLOBAL name contains a non-printable byte");
            }
        }
        if (limit == in.length) {
            throw fail(at, "data.pkl is truncated inside a GLOBAL name");
        }
        throw fail(at, "GLOBAL name is longer than 512 bytes");
    }

    // ---- stack ---------------------------------------------------------------------------------------

    private int base() {
        return markCount == 0 ? 0 : marks[markCount - 1];
    }

    private void count(int at, long n) {
        items += n;
        if (items > maxItems) {
            throw fail(at, "data.pkl builds more than " + maxItems + " values; refusing to go on");
        }
    }

    private void push(Object o, int at) {
        count(at, 1);
        stack.add(o);
    }

    private Object pop(int at) {
        if (stack.size() <= base()) {
            throw fail(at, "stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek(int at) {
        if (stack.size() <= base()) {
            throw fail(at, "stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popN(int at, int n) {
        if (stack.size() - base() < n) {
            throw fail(at, "stack underflow");
        }
        List<Object> sub = stack.subList(stack.size() - n, stack.size());
        List<Object> out = new ArrayList<>(sub);
        sub.clear();
        return out;
    }

    private void mark(int at) {
        count(at, 1);
        if (markCount == marks.length) {
            marks = Arrays.copyOf(marks, marks.length * 2);
        }
        marks[markCount++] = stack.size();
    }

    private List<Object> popMark(int at) {
        if (markCount == 0) {
            throw fail(at, "no MARK on the stack");
        }
        int m = marks[--markCount];
        List<Object> sub = stack.subList(m, stack.size());
        List<Object> out = new ArrayList<>(sub);
        sub.clear();
        return out;
    }

    private static Py.Tuple tuple(List<Object> items) {
        return new Py.Tuple(items);
    }

    private void put(int at, long index) {
        Object top = peek(at);
        if (!memo.containsKey(index)) {
            count(at, 1);
        }
        memo.put(index, top);
    }

    private void get(int at, long index) {
        Object v = memo.get(index);
        if (v == null) {
            throw fail(at, "memo has no entry " + index);
        }
        push(v, at);
    }

    private Py.Dict dictOnTop(int at, String op) {
        Object top = peek(at);
        if (!(top instanceof Py.Dict d)) {
            throw fail(at, op + " on a " + Py.typeName(top) + " instead of a dict");
        }
        return d;
    }

    private Py.PyList listOnTop(int at, String op) {
        Object top = peek(at);
        if (!(top instanceof Py.PyList l)) {
            throw fail(at, op + " on a " + Py.typeName(top) + " instead of a list");
        }
        return l;
    }

    private void setItem(Py.Dict d, Object k, Object v, int at) {
        if (!Py.isHashableKey(k)) {
            throw fail(at, "dict key of type " + Py.typeName(k) + " is not supported");
        }
        count(at, 1);
        d.items.put(k, v);
    }

    /**
     * BUILD sets an object's state. The only object torch.save gives state is a state_dict's OrderedDict
     * ({@code {'_metadata': ...}}, module versions); we accept a dict there and drop it, since it holds
     * no weights. Setting state on anything else would be object construction, which we do not do.
     */
    private void build(int at) {
        Object state = pop(at);
        Object target = peek(at);
        if (!(target instanceof Py.Dict)) {
            throw fail(at, "BUILD on a " + Py.typeName(target) + " is not supported");
        }
        if (!(state instanceof Py.Dict || state instanceof Py.None)) {
            throw fail(at, "BUILD of a dict with a " + Py.typeName(state) + " state is not supported");
        }
    }

    private static TorchFormatException fail(int at, String msg) {
        return new TorchFormatException(msg + " (data.pkl offset " + at + ")");
    }

    /** Names of every pickle opcode, so a refusal can say what it saw. */
    static String opcodeName(int op) {
        return switch (op) {
            case '(' -> "MARK";
            case '.' -> "STOP";
            case '0' -> "POP";
            case '1' -> "POP_MARK";
            case '2' -> "DUP";
            case 'F' -> "FLOAT";
            case 'I' -> "INT";
            case 'J' -> "BININT";
            case 'K' -> "BININT1";
            case 'L' -> "LONG";
            case 'M' -> "BININT2";
            case 'N' -> "NONE";
            case 'P' -> "PERSID";
            case 'Q' -> "BINPERSID";
            case 'R' -> "REDUCE";
            case 'S' -> "STRING";
            case 'T' -> "BINSTRING";
            case 'U' -> "SHORT_BINSTRING";
            case 'V' -> "UNICODE";
            case 'X' -> "BINUNICODE";
            case 'a' -> "APPEND";
            case 'b' -> "BUILD";
            case 'c' -> "GLOBAL";
            case 'd' -> "DICT";
            case '}' -> "EMPTY_DICT";
            case 'e' -> "APPENDS";
            case 'g' -> "GET";
            case 'h' -> "BINGET";
            case 'i' -> "INST";
            case 'j' -> "LONG_BINGET";
            case 'l' -> "LIST";
            case ']' -> "EMPTY_LIST";
            case 'o' -> "OBJ";
            case 'p' -> "PUT";
            case 'q' -> "BINPUT";
            case 'r' -> "LONG_BINPUT";
            case 's' -> "SETITEM";
            case 't' -> "TUPLE";
            case ')' -> "EMPTY_TUPLE";
            case 'u' -> "SETITEMS";
            case 'G' -> "BINFLOAT";
            case 'B' -> "BINBYTES";
            case 'C' -> "SHORT_BINBYTES";
            case 0x80 -> "PROTO";
            case 0x81 -> "NEWOBJ";
            case 0x82 -> "EXT1";
            case 0x83 -> "EXT2";
            case 0x84 -> "EXT4";
            case 0x85 -> "TUPLE1";
            case 0x86 -> "TUPLE2";
            case 0x87 -> "TUPLE3";
            case 0x88 -> "NEWTRUE";
            case 0x89 -> "NEWFALSE";
            case 0x8a -> "LONG1";
            case 0x8b -> "LONG4";
            case 0x8c -> "SHORT_BINUNICODE";
            case 0x8d -> "BINUNICODE8";
            case 0x8e -> "BINBYTES8";
            case 0x8f -> "EMPTY_SET";
            case 0x90 -> "ADDITEMS";
            case 0x91 -> "FROZENSET";
            case 0x92 -> "NEWOBJ_EX";
            case 0x93 -> "STACK_GLOBAL";
            case 0x94 -> "MEMOIZE";
            case 0x95 -> "FRAME";
            case 0x96 -> "BYTEARRAY8";
            case 0x97 -> "NEXT_BUFFER";
            case 0x98 -> "READONLY_BUFFER";
            default -> "<not an opcode>";
        };
    }
}
