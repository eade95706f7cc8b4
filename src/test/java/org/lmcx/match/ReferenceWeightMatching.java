package org.lmcx.match;

import org.lmcx.model.Model;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;
import org.lmcx.model.PermutationSpec.AxisRef;
import org.lmcx.model.PermutationSpec.TensorAxis;
import org.lmcx.model.Tensor;
import org.lmcx.task.Monitor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Weight matching as it was written before the incremental costs of {@link WeightMatchingCosts}: every visit
 * builds π(B) on the other axes as permuted tensor copies and multiplies from scratch. Slow and plain on
 * purpose, it is the oracle the fast path must agree with, permutation for permutation.
 */
final class ReferenceWeightMatching {


    static final double PROGRESS_TOL = 1e-12;

    /**
     * The same search started from {@code initial} instead of the identity (null: identity). STE re-projects
     * after every small step, and a warm start then usually converges in one sweep.
     */
    public MatchResult match(Model a, Model b, MatchContext ctx, Permutation initial) {
        a.requireSameArchitecture(b);
        int maxIter = 100;
        PermutationSpec spec = PermutationSpec.derive(a.architecture());
        Monitor monitor = ctx.monitor();
        long start = System.nanoTime();

        Search s = new Search(a, b, spec);
        Permutation perm = initial == null ? spec.identity() : initial;
        if (initial != null) {
            MatchingMath.requireValid(spec, initial);
        }
        List<String> order = new ArrayList<>(spec.groups().keySet());
        Random rnd = new Random(ctx.seed());
        double[] history = new double[maxIter];
        int sweeps = 0;
        monitor.update(0, "weight matching");
        for (int it = 0; it < maxIter; it++) {
            java.util.Collections.shuffle(order, rnd);
            boolean progress = false;
            for (String group : order) {
                monitor.checkCancelled();
                double[][] c = s.cost(group, perm);
                int[] old = perm.get(group);
                int[] next = LinearAssignment.maximize(c);
                double oldL = LinearAssignment.value(c, old);
                double newL = LinearAssignment.value(c, next);
                if (newL > oldL + PROGRESS_TOL * Math.max(1, Math.abs(oldL))) {
                    progress = true;
                }
                // The assignment is optimal, so newL < oldL can only be rounding in the sum; keeping the old
                // permutation then keeps the history monotone.
                if (newL >= oldL) {
                    perm = perm.with(group, next);
                }
            }
            history[sweeps++] = MatchingMath.objective(a, b, spec, perm);
            monitor.update((double) sweeps / maxIter, String.format(Locale.ROOT,
                    "weight matching sweep %d: objective %.6g", sweeps, history[sweeps - 1]));
            if (!progress) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return MatchingMath.result("wm", a, b, spec, perm, sweeps, java.util.Arrays.copyOf(history, sweeps),
                seconds);
    }

    /** The cost matrices of one run: A's side is fixed and prepared once. */
    private static final class Search {
        private final Model b;
        private final Map<String, List<TensorAxis>> byTensor;
        private final Map<String, List<AxisRef>> costAxes;
        // Identity keys: every ref is its own object, and identity skips comparing view arrays on each lookup.
        private final IdentityHashMap<AxisRef, double[]> aMatrices = new IdentityHashMap<>();
        /** Cost terms of tensors no other permutation acts on: the same in every sweep. */
        private final IdentityHashMap<AxisRef, double[]> constant = new IdentityHashMap<>();
        private final Map<String, Integer> sizes = new LinkedHashMap<>();

        Search(Model a, Model b, PermutationSpec spec) {
            this.b = b;
            this.byTensor = spec.byTensor();
            this.costAxes = MatchingMath.costAxes(spec);
            spec.groups().values().forEach(g -> sizes.put(g.name(), g.size()));
            for (List<AxisRef> refs : costAxes.values()) {
                for (AxisRef r : refs) {
                    double[] am = flatten(a.tensor(r.tensor()).axisMatrix(r.axis(), r.view()));
                    aMatrices.put(r, am);
                    if (byTensor.get(r.tensor()).size() == 1) {
                        constant.put(r, product(r, am, b.tensor(r.tensor())));
                    }
                }
            }
        }

        @SuppressWarnings("ReferenceEquality") // skips exactly this axis (see below)
        double[][] cost(String group, Permutation perm) {
            int n = sizes.get(group);
            double[] c = new double[n * n];
            for (AxisRef r : costAxes.get(group)) {
                double[] d = constant.get(r);
                if (d == null) {
                    Tensor t = b.tensor(r.tensor());
                    for (TensorAxis ta : byTensor.get(r.tensor())) {
                        // Skip exactly this axis, not the whole group: a group acting on two axes of one tensor
                        // keeps its current permutation on the other one, as in git-re-basin's except_axis.
                        if (ta.ref() != r) {
                            t = t.permuteAxis(ta.ref().axis(), perm.get(ta.group()), ta.ref().view());
                        }
                    }
                    d = product(r, aMatrices.get(r), t);
                }
                for (int i = 0; i < c.length; i++) {
                    c[i] += d[i];
                }
            }
            double[][] m = new double[n][];
            for (int i = 0; i < n; i++) {
                m[i] = java.util.Arrays.copyOfRange(c, i * n, (i + 1) * n);
            }
            return m;
        }

        /** {@code Wa'·Wb'ᵀ} for one axis. */
        private static double[] product(AxisRef r, double[] am, Tensor tb) {
            float[][] wb = tb.axisMatrix(r.axis(), r.view());
            int n = wb.length;
            int rest = n == 0 ? 0 : wb[0].length;
            return Linalg.mulABt(am, n, rest, flatten(wb), n);
        }

        private static double[] flatten(float[][] m) {
            int rows = m.length;
            int cols = rows == 0 ? 0 : m[0].length;
            double[] flat = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                float[] row = m[i];
                int off = i * cols;
                for (int j = 0; j < cols; j++) {
                    flat[off + j] = row[j];
                }
            }
            return flat;
        }
    }
}
