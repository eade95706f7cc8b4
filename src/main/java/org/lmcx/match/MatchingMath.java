package org.lmcx.match;

import org.lmcx.model.Model;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;
import org.lmcx.model.PermutationSpec.TensorAxis;
import org.lmcx.model.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The quantities every matching method reports, computed in one place so that methods are compared on equal
 * terms. The cost tensors (what the methods align) are those with at least one axis in the cost. The objective
 * and the distances cover the <b>trainable tensors</b> ({@link #measuredTensors}): every weight and bias,
 * including those no permutation touches (the logits' bias, which adds the same constant to every method's
 * objective), BN running statistics excluded. The Taylor estimate's distance covers the same set.
 */
public final class MatchingMath {

    private MatchingMath() {
    }

    /** Names of the tensors in the cost, in network order. */
    public static Set<String> costTensors(PermutationSpec spec) {
        Set<String> out = new LinkedHashSet<>();
        for (Map.Entry<String, List<TensorAxis>> e : spec.byTensor().entrySet()) {
            for (TensorAxis ta : e.getValue()) {
                if (ta.ref().inCost()) {
                    out.add(e.getKey());
                    break;
                }
            }
        }
        return out;
    }

    /** The tensors objective and distances cover: every trainable parameter, in network order. */
    public static Set<String> measuredTensors(org.lmcx.model.Architecture arch) {
        Set<String> out = new LinkedHashSet<>();
        for (org.lmcx.model.Layer l : arch.layers()) {
            l.parameters().stream().filter(org.lmcx.model.Layer.Param::trainable).forEach(p -> out.add(p.key()));
        }
        return out;
    }

    /** {@code π(b)} restricted to the measured tensors, each permuted on every axis a group acts on. */
    public static Map<String, Tensor> permutedMeasuredTensors(Model b, PermutationSpec spec, Permutation perm) {
        Map<String, List<TensorAxis>> byTensor = spec.byTensor();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : measuredTensors(b.architecture())) {
            Tensor t = b.tensor(name);
            for (TensorAxis ta : byTensor.getOrDefault(name, List.of())) {
                t = t.permuteAxis(ta.ref().axis(), perm.get(ta.group()), ta.ref().view());
            }
            out.put(name, t);
        }
        return out;
    }

    /** {@code Σ ⟨θa, π(θb)⟩} over the measured (trainable) tensors, accumulated in double. */
    public static double objective(Model a, Model b, PermutationSpec spec, Permutation perm) {
        double s = 0;
        for (Map.Entry<String, Tensor> e : permutedMeasuredTensors(b, spec, perm).entrySet()) {
            s += dot(a.tensor(e.getKey()).data(), e.getValue().data());
        }
        return s;
    }

    /** Distances before (identity) and after applying {@code perm} to B. */
    public static Distances distances(Model a, Model b, PermutationSpec spec, Permutation perm) {
        Map<String, Tensor> after = permutedMeasuredTensors(b, spec, perm);
        Map<String, Double> before = new LinkedHashMap<>();
        Map<String, Double> afterD = new LinkedHashMap<>();
        double sb = 0;
        double sa = 0;
        for (Map.Entry<String, Tensor> e : after.entrySet()) {
            float[] x = a.tensor(e.getKey()).data();
            double db = squaredDistance(x, b.tensor(e.getKey()).data());
            double da = squaredDistance(x, e.getValue().data());
            before.put(e.getKey(), Math.sqrt(db));
            afterD.put(e.getKey(), Math.sqrt(da));
            sb += db;
            sa += da;
        }
        return new Distances(Math.sqrt(sb), Math.sqrt(sa), before, afterD);
    }

    /**
     * The result every method returns, with objective, identity objective and distances filled in here.
     *
     * @throws IllegalArgumentException if {@code perm} is not a permutation of every group of {@code spec}
     */
    public static MatchResult result(String method, Model a, Model b, PermutationSpec spec, Permutation perm,
                                     int sweeps, double[] history, double seconds) {
        org.lmcx.task.ComputeThreadGuard.check("matching " + method);
        requireValid(spec, perm);
        double obj = objective(a, b, spec, perm);
        double id = objective(a, b, spec, spec.identity());
        return new MatchResult(method, spec, perm, obj, id, sweeps, history, seconds,
                distances(a, b, spec, perm));
    }

    /** Checks that every group has a permutation of the right size (a bijection). */
    public static void requireValid(PermutationSpec spec, Permutation perm) {
        for (PermutationSpec.Group g : spec.groups().values()) {
            int[] p = perm.get(g.name());
            if (p.length != g.size()) {
                throw new IllegalArgumentException("group " + g.name() + " has size " + g.size()
                        + " but its permutation has " + p.length + " entries");
            }
            boolean[] seen = new boolean[p.length];
            for (int v : p) {
                if (v < 0 || v >= p.length || seen[v]) {
                    throw new IllegalArgumentException("group " + g.name() + ": not a permutation (entry " + v + ")");
                }
                seen[v] = true;
            }
        }
    }

    /** For every group, its (tensor, axis) pairs that take part in the cost, in spec order. */
    static Map<String, List<PermutationSpec.AxisRef>> costAxes(PermutationSpec spec) {
        Map<String, List<PermutationSpec.AxisRef>> m = new LinkedHashMap<>();
        for (PermutationSpec.Group g : spec.groups().values()) {
            List<PermutationSpec.AxisRef> l = new ArrayList<>();
            for (PermutationSpec.AxisRef r : g.axes()) {
                if (r.inCost()) {
                    l.add(r);
                }
            }
            m.put(g.name(), l);
        }
        return m;
    }

    static double dot(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (double) x[i] * y[i];
        }
        return s;
    }

    static double squaredDistance(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - y[i];
            s += d * d;
        }
        return s;
    }
}
