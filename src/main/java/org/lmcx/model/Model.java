package org.lmcx.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A network's weights: its {@link Architecture} and its state_dict as named float {@link Tensor}s. Immutable;
 * permuting or interpolating yields a new model. Tensors the architecture does not use (such as BN's
 * {@code num_batches_tracked}) are kept so a written model round-trips.
 *
 * @param source       where it came from (file path or a description such as {@code "π(B)"}), for messages
 * @param architecture how the tensors form a network
 * @param tensors      state_dict in file order
 */
public record Model(String source, Architecture architecture, Map<String, Tensor> tensors) {

    public Model {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(architecture, "architecture");
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /**
     * Builds a model and checks that every tensor the architecture needs is present with the right shape and
     * holds only finite floats.
     *
     * @throws InvalidModelException naming {@code source} and the first problem found
     */
    public static Model of(String source, Architecture architecture, Map<String, Tensor> tensors) {
        Map<String, int[]> expected;
        try {
            expected = architecture.parameterShapes();
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(source + ": architecture does not fit together: " + e.getMessage(), e);
        }
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            Tensor t = tensors.get(e.getKey());
            if (t == null) {
                throw new InvalidModelException(source + ": architecture " + architecture.name() + " needs tensor \""
                        + e.getKey() + "\" " + Arrays.toString(e.getValue()) + ", which the checkpoint lacks");
            }
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new InvalidModelException(source + ": tensor \"" + e.getKey() + "\" has shape "
                        + Arrays.toString(t.shape()) + " but architecture " + architecture.name() + " expects "
                        + Arrays.toString(e.getValue()));
            }
            if (!t.storedType().isFloating()) {
                // Integer tensors are bookkeeping (num_batches_tracked); as weights they are almost surely a
                // wrong key or a broken export, and silently converting them would give wrong numbers.
                throw new InvalidModelException(source + ": tensor \"" + e.getKey() + "\" is stored as "
                        + t.storedType() + "; parameters must be floating point (F32, F64, F16, BF16)");
            }
            int bad = t.firstNonFinite();
            if (bad >= 0) {
                throw new InvalidModelException(source + ": tensor \"" + e.getKey() + "\" holds "
                        + t.data()[bad] + " at index " + bad + " (weights must be finite)");
            }
        }
        requireEvaluable(source, architecture);
        return new Model(source, architecture, tensors);
    }

    /**
     * Refuses a network that cannot be evaluated within the memory budget: the parameters of three models
     * (A, π(B) and the merged one) plus two activations of the widest layer for a minimal batch of 16.
     */
    static void requireEvaluable(String source, Architecture architecture) {
        long params = 0;
        for (int[] shape : architecture.parameterShapes().values()) {
            long n = 1;
            for (int d : shape) {
                n = MemoryBudget.multiply(n, d);
            }
            params = MemoryBudget.add(params, n);
        }
        long values = MemoryBudget.add(MemoryBudget.multiply(params, 3),
                MemoryBudget.multiply(architecture.largestActivation(), 2, 16));
        MemoryBudget.requireValues(source + ": evaluating " + architecture.name(), values, Float.BYTES);
    }

    public Tensor tensor(String key) {
        Tensor t = tensors.get(key);
        if (t == null) {
            throw new InvalidModelException(source + ": no tensor \"" + key + "\"");
        }
        return t;
    }

    /** A copy with some tensors replaced (others kept). */
    public Model withTensors(String newSource, Map<String, Tensor> replaced) {
        Map<String, Tensor> m = new LinkedHashMap<>(tensors);
        m.putAll(replaced);
        return new Model(newSource, architecture, m);
    }

    /** The tensors the architecture uses, in network order. */
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (String k : architecture.parameterShapes().keySet()) {
            m.put(k, tensor(k));
        }
        return m;
    }

    /**
     * Throws unless {@code other} has the same architecture; the message names both sources and the first
     * difference.
     */
    public void requireSameArchitecture(Model other) {
        if (!architecture.equals(other.architecture)) {
            Map<String, int[]> a = architecture.parameterShapes();
            Map<String, int[]> b = other.architecture.parameterShapes();
            String diff = "";
            for (Map.Entry<String, int[]> e : a.entrySet()) {
                int[] s = b.get(e.getKey());
                if (s == null || !Arrays.equals(s, e.getValue())) {
                    diff = ": tensor \"" + e.getKey() + "\" is " + Arrays.toString(e.getValue()) + " in " + source
                            + " but " + (s == null ? "missing" : Arrays.toString(s)) + " in " + other.source;
                    break;
                }
            }
            throw new InvalidModelException("architectures differ: " + source + " is " + architecture.name() + ", "
                    + other.source + " is " + other.architecture.name() + diff);
        }
    }
}
