package org.lmcx.match;

import org.lmcx.model.Model;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;
import org.lmcx.model.PermutationSpec.AxisRef;
import org.lmcx.model.PermutationSpec.TensorAxis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost matrices of {@link WeightMatching} for one pair of models, kept up to date as the permutations
 * change instead of rebuilt from permuted copies of B on every visit.
 *
 * <p>A group's cost is {@code C = Σ A'·B'ᵀ} over its cost axes, where {@code A'} is A's tensor as
 * {@code [n, rest]} around that axis and {@code B'} is B's tensor the same way with every other group's
 * current permutation applied on its other axes. Those permutations only reorder B's columns, so {@code B'}
 * is a gather of B by one column offset per column ({@code B'[j, r] = b[col[r] + j·inner]}). When a visit
 * finds that only some columns moved since the term was last computed, the term is corrected by a product
 * over just those columns, {@code A'[:, R]·(B'new − B'old)[:, R]ᵀ}; late sweeps move few units, so most
 * visits cost a fraction of a full product. Terms of tensors no other group touches are computed once.
 *
 * <p>Everything is accumulated in double from float inputs (products of floats are exact in double), so the
 * cost differs from a fresh computation only by double rounding, far below any gap the assignment sees.
 */
final class WeightMatchingCosts {

    /** Above this share of changed columns a full product is cheaper than a correction. */
    private static final double FULL_PRODUCT_SHARE = 0.5;

    /** A group acting on one axis of a tensor: the flat index seen as {@code [outer, n, inner]}. */
    private record Move(String group, int n, int inner) {
        int apply(int flat, int[] perm) {
            int i = (flat / inner) % n;
            return flat + (perm[i] - i) * inner;
        }
    }

    /** One cost axis of a group: {@code A'·B'ᵀ} for one tensor. */
    private static final class Term {
        final String group;
        final int n;
        final int rest;
        final int inner;
        /** A's matrix {@code [n, rest]}, row-major. */
        final double[] a;
        /** B's tensor, row-major in its own shape. */
        final float[] b;
        /** Flat index in b of {@code (0, r)} with no other permutation. */
        final int[] own;
        final List<Move> others;
        /** Current gather offsets ({@code B'[j, r] = b[col[r] + j·inner]}), null before the first product. */
        int[] col;
        /** This term's current {@code A'·B'ᵀ}, {@code [n, n]}. */
        double[] product;
        /** Bumped whenever {@link #product} changes, so a group's sum knows it is stale. */
        long version;

        Term(String group, int n, int rest, int inner, double[] a, float[] b, int[] own, List<Move> others) {
            this.group = group;
            this.n = n;
            this.rest = rest;
            this.inner = inner;
            this.a = a;
            this.b = b;
            this.own = own;
            this.others = others;
        }

        int[] offsets(Permutation perm) {
            int[] c = own.clone();
            for (Move m : others) {
                int[] p = perm.get(m.group());
                for (int r = 0; r < rest; r++) {
                    c[r] = m.apply(c[r], p);
                }
            }
            return c;
        }

        /** Whether the product already follows {@code perm}'s other groups. */
        boolean current(Permutation perm) {
            return col != null && java.util.Arrays.equals(col, offsets(perm));
        }

        /** Brings the product up to date with {@code perm}; false if it was already. */
        boolean update(Permutation perm) {
            int[] next = offsets(perm);
            if (col == null) {
                col = next;
                product = Linalg.mulABt(a, n, rest, gather(next), n);
                version++;
                return true;
            }
            int[] changed = new int[rest];
            int k = 0;
            for (int r = 0; r < rest; r++) {
                if (next[r] != col[r]) {
                    changed[k++] = r;
                }
            }
            if (k == 0) {
                return false;
            }
            if (k > FULL_PRODUCT_SHARE * rest) {
                product = Linalg.mulABt(a, n, rest, gather(next), n);
            } else {
                double[] ac = new double[n * k];
                double[] db = new double[n * k];
                for (int j = 0; j < n; j++) {
                    int row = j * k;
                    int arow = j * rest;
                    int shift = j * inner;
                    for (int q = 0; q < k; q++) {
                        int r = changed[q];
                        ac[row + q] = a[arow + r];
                        db[row + q] = (double) b[next[r] + shift] - b[col[r] + shift];
                    }
                }
                double[] delta = Linalg.mulABt(ac, n, k, db, n);
                for (int i = 0; i < delta.length; i++) {
                    product[i] += delta[i];
                }
            }
            col = next;
            version++;
            return true;
        }

        private double[] gather(int[] c) {
            double[] m = new double[n * rest];
            for (int j = 0; j < n; j++) {
                int row = j * rest;
                int shift = j * inner;
                for (int r = 0; r < rest; r++) {
                    m[row + r] = b[c[r] + shift];
                }
            }
            return m;
        }
    }

    /** A group's cost: the constant terms' sum and the terms that follow other permutations. */
    private static final class GroupCost {
        final int n;
        final double[] constant;
        final List<Term> moving = new ArrayList<>();
        double[] sum;
        /** The moving terms' versions {@link #sum} was made from. */
        long[] sumVersions;

        GroupCost(int n) {
            this.n = n;
            this.constant = new double[n * n];
        }
    }

    private final Map<String, GroupCost> groups = new LinkedHashMap<>();
    /** The tensors in some group's cost; the other measured ones make {@link #fixedObjective}. */
    private final java.util.Set<String> costTensors = new java.util.HashSet<>();
    /** Every moving term of each tensor with two permuted axes (one per group that has it in its cost). */
    private final Map<String, List<Term>> movingByTensor = new LinkedHashMap<>();
    /** The objective's share from measured tensors outside the cost (the logits' bias): no group moves it. */
    private double fixedObjective;

    WeightMatchingCosts(Model a, Model b, PermutationSpec spec) {
        Map<String, List<TensorAxis>> byTensor = spec.byTensor();
        for (PermutationSpec.Group g : spec.groups().values()) {
            GroupCost gc = new GroupCost(g.size());
            for (AxisRef ref : g.axes()) {
                if (!ref.inCost()) {
                    continue;
                }
                Term t = term(g.name(), a, b, ref, byTensor.get(ref.tensor()));
                costTensors.add(ref.tensor());
                if (t.others.isEmpty()) {
                    double[] p = Linalg.mulABt(t.a, t.n, t.rest, t.gather(t.own), t.n);
                    for (int i = 0; i < p.length; i++) {
                        gc.constant[i] += p[i];
                    }
                } else {
                    gc.moving.add(t);
                    movingByTensor.computeIfAbsent(ref.tensor(), k -> new ArrayList<>()).add(t);
                }
            }
            groups.put(g.name(), gc);
        }
        for (String name : MatchingMath.measuredTensors(a.architecture())) {
            if (!costTensors.contains(name)) {
                if (byTensor.containsKey(name)) {
                    throw new IllegalStateException(name + " is permuted but takes no part in the cost");
                }
                fixedObjective += MatchingMath.dot(a.tensor(name).data(), b.tensor(name).data());
            }
        }
    }

    @SuppressWarnings("ReferenceEquality") // skips exactly the axis being matched, not an equal-looking one
    private static Term term(String group, Model a, Model b, AxisRef ref, List<TensorAxis> actions) {
        int[] shape = ref.view() != null ? ref.view() : a.tensor(ref.tensor()).shape();
        int axis = ref.axis();
        int n = shape[axis];
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        float[] fa = a.tensor(ref.tensor()).data();
        int rest = fa.length / Math.max(1, n);
        // Column r of the [n, rest] matrix: outer block r / inner, offset r % inner (Tensor.axisMatrix order).
        int[] own = new int[rest];
        for (int r = 0; r < rest; r++) {
            own[r] = (r / inner) * n * inner + r % inner;
        }
        double[] am = new double[n * rest];
        for (int j = 0; j < n; j++) {
            for (int r = 0; r < rest; r++) {
                am[j * rest + r] = fa[own[r] + j * inner];
            }
        }
        List<Move> others = new ArrayList<>();
        for (TensorAxis ta : actions) {
            if (ta.ref() == ref) {
                continue;
            }
            int[] s = ta.ref().view() != null ? ta.ref().view() : b.tensor(ref.tensor()).shape();
            int mInner = 1;
            for (int i = ta.ref().axis() + 1; i < s.length; i++) {
                mInner *= s[i];
            }
            int mn = s[ta.ref().axis()];
            // The gather by column offsets needs the other axis to lie wholly inside or outside this one's
            // stretch of the flat index; reshaping views ([out, C, H·W] for [out, C·H·W]) always do.
            if (!(mInner * mn <= inner || inner * n <= mInner)) {
                throw new IllegalStateException("axes of " + ref.tensor() + " overlap in the permutation spec");
            }
            others.add(new Move(ta.group(), mn, mInner));
        }
        return new Term(group, n, rest, inner, am, b.tensor(ref.tensor()).data(), own, others);
    }

    /**
     * {@code Σ ⟨θa, π(θb)⟩} over the cost tensors, as {@link MatchingMath#objective} but without permuted
     * copies (the same sum in another order).
     */
    double objective(Permutation perm) {
        // From the kept products, not from the tensors: a tensor with one permuted axis is a constant term of
        // that axis' group, so ⟨A, π(B)⟩ = Σ_j C[j, p(j)] of the group's constant sum covers all of them; a
        // tensor with two has a moving term in each of its groups, and one that follows perm gives its share.
        // The same sum as Σ ⟨A, π(B)⟩ over the tensors in another order; a sweep's objective costs O(n²)
        // instead of a pass over every weight.
        double s = fixedObjective;
        for (Map.Entry<String, GroupCost> e : groups.entrySet()) {
            s += LinearAssignment.value(e.getValue().constant, e.getValue().n, perm.get(e.getKey()));
        }
        for (List<Term> terms : movingByTensor.values()) {
            // The group visited last in a sweep saw every other group's final permutation, so one of the
            // tensor's terms is usually current already; only if none is does one get a correction.
            Term use = terms.get(0);
            for (Term t : terms) {
                if (t.current(perm)) {
                    use = t;
                    break;
                }
            }
            use.update(perm);
            s += LinearAssignment.value(use.product, use.n, perm.get(use.group));
        }
        return s;
    }

    /** Size of a group's permutation. */
    int size(String group) {
        return groups.get(group).n;
    }

    /**
     * The group's cost {@code [n, n]} (row-major, row = A's unit, column = B's unit) under the other groups'
     * current permutations. The array is owned here and valid until the next call.
     *
     * @param changed set to whether it differs from what the previous call for this group returned (always
     *                true on the first call)
     */
    double[] cost(String group, Permutation perm, boolean[] changed) {
        GroupCost g = groups.get(group);
        long[] versions = new long[g.moving.size()];
        for (int k = 0; k < versions.length; k++) {
            Term t = g.moving.get(k);
            t.update(perm);
            versions[k] = t.version;
        }
        // Versions, not update()'s answer: objective() may have brought a term up to date in between.
        boolean any = g.sum == null || !java.util.Arrays.equals(versions, g.sumVersions);
        if (any) {
            double[] s = g.constant.clone();
            for (Term t : g.moving) {
                double[] p = t.product;
                for (int i = 0; i < s.length; i++) {
                    s[i] += p[i];
                }
            }
            g.sum = s;
            g.sumVersions = versions;
        }
        changed[0] = any;
        return g.sum;
    }
}
