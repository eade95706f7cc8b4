package org.lmcx.io.torch;

import java.util.List;
import java.util.Set;

/**
 * The allowlist of pickle globals, and what REDUCE does with each. A global here is only a name; the
 * "call" is a Java method of ours that checks its arguments and builds inert data. Every other name is
 * refused when the pickle first mentions it, before any argument is even built.
 */
final class TorchGlobals {

    private TorchGlobals() {
    }

    enum Kind {
        ORDERED_DICT, REBUILD_TENSOR_V2, REBUILD_PARAMETER, REBUILD_PARAMETER_WITH_STATE, DEVICE,
        /** torch.FloatStorage etc.: only ever an argument of a storage's persistent id. */
        STORAGE_TYPE,
        /** torch.float32 etc.: a value some checkpoints keep in their metadata; never called. */
        DTYPE
    }

    record Global(String module, String name, Kind kind, StorageType storageType) {
        String qualifiedName() {
            return module + "." + name;
        }
    }

    private static final Set<String> DTYPES = Set.of("float32", "float", "float16", "half", "bfloat16",
            "float64", "double", "int64", "long", "int32", "int", "int16", "short", "int8", "uint8", "bool");

    private static final String STATE_DICT_ADVICE = "save the state_dict instead: torch.save(model.state_dict(), path)";

    /**
     * The global {@code module.name}, or a refusal naming it. {@code offset} is the opcode's position in
     * data.pkl, for the message.
     */
    static Global resolve(String module, String name, int offset) {
        String q = module + "." + name;
        Kind named = switch (q) {
            case "collections.OrderedDict" -> Kind.ORDERED_DICT;
            case "torch._utils._rebuild_tensor_v2" -> Kind.REBUILD_TENSOR_V2;
            case "torch._utils._rebuild_parameter" -> Kind.REBUILD_PARAMETER;
            case "torch._utils._rebuild_parameter_with_state" -> Kind.REBUILD_PARAMETER_WITH_STATE;
            case "torch.device" -> Kind.DEVICE;
            default -> null;
        };
        if (named != null) {
            return new Global(module, name, named, null);
        }
        if (module.equals("torch")) {
            StorageType st = StorageType.byPickleName(name);
            if (st != null) {
                return new Global(module, name, Kind.STORAGE_TYPE, st);
            }
            if (DTYPES.contains(name)) {
                return new Global(module, name, Kind.DTYPE, null);
            }
        }
        String where = " (data.pkl offset " + offset + ")";
        String quoted = TorchFormatException.quote(q);
        if (module.startsWith("torch.nn.modules") || module.startsWith("torch.nn.parallel")
                || module.equals("torch.nn")) {
            throw new TorchFormatException("the file is a whole pickled model (it refers to " + quoted
                    + where + "), which can only be loaded by running Python code; " + STATE_DICT_ADVICE);
        }
        if (module.equals("__main__") || module.startsWith("__torch__")) {
            throw new TorchFormatException("refused pickle global " + quoted + where
                    + ": a class from the training script (a pickled model or object) cannot be loaded without"
                    + " running its code; if it is a model, " + STATE_DICT_ADVICE);
        }
        throw new TorchFormatException("refused pickle global " + quoted + where
                + ": only tensor-rebuilding globals are allowed, since a pickle can call any function it names");
    }

    /** REDUCE: {@code callable(*args)} for an allowed global, with our own argument checks. */
    static Object call(Global g, Py.Tuple args, int offset, TensorCounter counter) {
        String at = " (data.pkl offset " + offset + ")";
        switch (g.kind()) {
            case ORDERED_DICT -> {
                if (args.size() != 0) {
                    throw bad(g, at, "expects no arguments, got " + describe(args));
                }
                return new Py.Dict(true);
            }
            case REBUILD_TENSOR_V2 -> {
                return rebuildTensorV2(g, args, at, counter);
            }
            case REBUILD_PARAMETER, REBUILD_PARAMETER_WITH_STATE -> {
                int n = g.kind() == Kind.REBUILD_PARAMETER ? 3 : 4;
                if (args.size() != n || !(args.get(0) instanceof TorchTensor t)
                        || !(args.get(1) instanceof Boolean) || !(args.get(2) instanceof Py.Dict)) {
                    throw bad(g, at, "expects (tensor, bool, OrderedDict" + (n == 4 ? ", state" : "") + "), got "
                            + describe(args));
                }
                // The state of _rebuild_parameter_with_state holds Python attributes of the Parameter; a
                // dict of plain values is harmless and irrelevant to the weights.
                if (n == 4 && !(args.get(3) instanceof Py.Dict || args.get(3) instanceof Py.None)) {
                    throw bad(g, at, "expects a dict or None as parameter state, got " + describe(args));
                }
                return t;
            }
            case DEVICE -> {
                if (args.size() == 1 && args.get(0) instanceof String s) {
                    return new Py.Device(s);
                }
                if (args.size() == 2 && args.get(0) instanceof String s && args.get(1) instanceof Long i) {
                    return new Py.Device(s + ":" + i);
                }
                throw bad(g, at, "expects (str) or (str, int), got " + describe(args));
            }
            default -> throw new TorchFormatException(TorchFormatException.quote(g.qualifiedName())
                    + " is not callable" + at);
        }
    }

    /** Counts tensors as they are built so a hostile pickle cannot create millions of them. */
    interface TensorCounter {
        int maxElementsPerTensor();

        void countTensor();
    }

    private static TorchTensor rebuildTensorV2(Global g, Py.Tuple a, String at, TensorCounter counter) {
        String expected = "expects (storage, int offset, tuple size, tuple stride, bool, OrderedDict[, metadata]), got ";
        if (a.size() != 6 && a.size() != 7) {
            throw bad(g, at, expected + describe(a));
        }
        if (!(a.get(0) instanceof TorchStorage storage) || !(a.get(1) instanceof Long offset)
                || !(a.get(2) instanceof Py.Tuple size) || !(a.get(3) instanceof Py.Tuple stride)
                || !(a.get(4) instanceof Boolean) || !(a.get(5) instanceof Py.Dict)
                || (a.size() == 7 && !(a.get(6) instanceof Py.Dict || a.get(6) instanceof Py.None))) {
            throw bad(g, at, expected + describe(a));
        }
        if (size.size() != stride.size()) {
            throw bad(g, at, "got a size of rank " + size.size() + " but strides of rank " + stride.size());
        }
        if (size.size() > 64) {
            throw bad(g, at, "got a tensor of rank " + size.size());
        }
        if (offset < 0) {
            throw bad(g, at, "got a negative storage offset " + offset);
        }
        int[] shape = new int[size.size()];
        long[] strides = new long[size.size()];
        for (int d = 0; d < shape.length; d++) {
            if (!(size.get(d) instanceof Long s) || s < 0 || s > Integer.MAX_VALUE) {
                throw bad(g, at, "got an invalid size " + describe(size));
            }
            if (!(stride.get(d) instanceof Long st) || st < 0) {
                throw bad(g, at, "got an invalid stride " + describe(stride));
            }
            shape[d] = (int) (long) s;
            strides[d] = st;
        }
        counter.countTensor();
        try {
            return new TorchTensor(storage, offset, shape, strides, counter.maxElementsPerTensor());
        } catch (TorchFormatException e) {
            throw new TorchFormatException(e.getMessage() + at);
        }
    }

    private static TorchFormatException bad(Global g, String at, String what) {
        return new TorchFormatException(g.qualifiedName() + " " + what + at);
    }

    /** "(int, str, tuple)" or "(3, 5)" for small int tuples: argument types, never their (hostile) values. */
    static String describe(Py.Tuple t) {
        StringBuilder b = new StringBuilder("(");
        List<Object> items = t.items();
        int n = Math.min(items.size(), 8);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(", ");
            }
            Object o = items.get(i);
            b.append(o instanceof Long l ? l.toString() : Py.typeName(o));
        }
        if (items.size() > n) {
            b.append(", ... ").append(items.size()).append(" items");
        }
        return b.append(')').toString();
    }
}
