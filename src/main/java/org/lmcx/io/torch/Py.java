package org.lmcx.io.torch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few Python values a checkpoint pickle can build in our VM. Deliberately inert data holders: there
 * is no generic "object" type, so nothing the pickle says can make us instantiate or call anything other
 * than these and the tensor-building functions in {@link TorchGlobals}.
 *
 * <p>Python ints are {@link Long}, floats {@link Double}, bools {@link Boolean}, str {@link String}. Lists
 * and dicts compare by identity (as mutable Python objects do); tuples by value, but only tuples of
 * scalars may be dict keys, so hashing never recurses into a deep or cyclic structure.
 */
final class Py {

    private Py() {
    }

    /** Python's None (the stack and memo also hold nulls-free values, which keeps "missing" unambiguous). */
    enum None {
        NONE;

        @Override
        public String toString() {
            return "None";
        }
    }

    record Tuple(List<Object> items) {
        Tuple {
            items = Collections.unmodifiableList(items);
        }

        int size() {
            return items.size();
        }

        Object get(int i) {
            return items.get(i);
        }
    }

    record Bytes(byte[] value) {
    }

    static final class PyList {
        final ArrayList<Object> items = new ArrayList<>();
    }

    static final class Dict {
        final LinkedHashMap<Object, Object> items = new LinkedHashMap<>();
        final boolean ordered;

        Dict(boolean ordered) {
            this.ordered = ordered;
        }

        Map<Object, Object> map() {
            return items;
        }
    }

    /** A Python type name for messages ("int", "OrderedDict", "tensor", ...), never the value itself. */
    static String typeName(Object o) {
        if (o instanceof None) {
            return "None";
        } else if (o instanceof Boolean) {
            return "bool";
        } else if (o instanceof Long) {
            return "int";
        } else if (o instanceof Double) {
            return "float";
        } else if (o instanceof String) {
            return "str";
        } else if (o instanceof Bytes) {
            return "bytes";
        } else if (o instanceof Tuple) {
            return "tuple";
        } else if (o instanceof PyList) {
            return "list";
        } else if (o instanceof Dict d) {
            return d.ordered ? "OrderedDict" : "dict";
        } else if (o instanceof TorchGlobals.Global g) {
            return g.qualifiedName();
        } else if (o instanceof TorchStorage s) {
            return "torch." + s.type().pickleName();
        } else if (o instanceof TorchTensor) {
            return "tensor";
        } else if (o instanceof Device) {
            return "torch.device";
        }
        return o == null ? "null" : o.getClass().getSimpleName();
    }

    /** True for values Python can hash and that we accept as dict keys. */
    static boolean isHashableKey(Object o) {
        if (o instanceof Tuple t) {
            for (Object item : t.items()) {
                if (!isScalar(item)) {
                    return false;
                }
            }
            return true;
        }
        return isScalar(o);
    }

    private static boolean isScalar(Object o) {
        return o instanceof String || o instanceof Long || o instanceof Double || o instanceof Boolean
                || o instanceof None;
    }

    /** What torch.device(...) returns in our VM: just its description. */
    record Device(String spec) {
    }
}
