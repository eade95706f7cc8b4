package org.lmcx.match;

import org.lmcx.model.Model;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;
import org.lmcx.task.Monitor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Weight matching (Ainsworth, Hayase & Srinivasa 2023, "Git Re-Basin", Algorithm 1), following the reference
 * implementation's {@code weight_matching}: coordinate ascent on {@code Σ ⟨θa, π(θb)⟩}, one exact linear
 * assignment per permutation group with all other groups held fixed.
 *
 * <p>Starting at the identity, each sweep visits the groups in a fresh random order (one
 * {@code Random(seed)} for the whole run). For group P the cost is {@code C = Σ Wa'·Wb'ᵀ} over P's cost axes,
 * where {@code Wa'} is A's tensor as the matrix {@code [size, rest]} along that axis and {@code Wb'} is B's
 * tensor with every other current permutation applied on its other axes. The new assignment replaces the old
 * one; a sweep in which no group raised {@code ⟨C, P⟩} by more than a relative 1e-12 ends the search.
 *
 * <p>Options: {@code max_iter} (default 100) caps the number of sweeps. The history holds the objective after
 * each sweep; it never decreases because each assignment is optimal for its cost.
 *
 * <p>Cost products run in double ({@link Linalg}: BLAS for large ones): float would be faster but its
 * rounding could make equal-valued assignments look like progress and the history wobble. The cost matrices
 * are kept by {@link WeightMatchingCosts}, which corrects them for just the units that moved since a group's
 * last visit; a group whose cost did not change at all is not solved again (it would get the same answer).
 */
public final class WeightMatching implements Matcher {

    public static final String NAME = "wm";

    /** Progress threshold relative to the objective's magnitude (git-re-basin uses an absolute 1e-12). */
    static final double PROGRESS_TOL = 1e-12;

    static final MethodOption<Integer> MAX_ITER = MethodOption.integer("max_iter", 100, 1,
            "most coordinate-ascent sweeps");

    @Override
    public java.util.List<MethodOption<?>> options() {
        return java.util.List.of(MAX_ITER);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "weight matching (WM)";
    }

    @Override
    public String description() {
        return "Weight matching (Ainsworth et al.): permutations maximising Σ⟨θa, π(θb)⟩, no"
                + " data needed";
    }

    @Override
    public MatchResult match(Model a, Model b, MatchContext ctx) {
        return match(a, b, ctx, null);
    }

    /**
     * The same search started from {@code initial} instead of the identity (null: identity). STE re-projects
     * after every small step, and a warm start then usually converges in one sweep.
     */
    public MatchResult match(Model a, Model b, MatchContext ctx, Permutation initial) {
        a.requireSameArchitecture(b);
        int maxIter = ctx.options(this).get(MAX_ITER);
        PermutationSpec spec = PermutationSpec.of(a.architecture());
        Monitor monitor = ctx.monitor();
        long start = System.nanoTime();

        WeightMatchingCosts costs = new WeightMatchingCosts(a, b, spec);
        Permutation perm = initial == null ? spec.identity() : initial;
        if (initial != null) {
            MatchingMath.requireValid(spec, initial);
        }
        List<String> order = new ArrayList<>(spec.groups().keySet());
        // Each group's last duals: its next cost differs by the few units the other groups moved meanwhile.
        Map<String, LinearAssignment.WarmStart> warm = new HashMap<>();
        boolean[] changed = new boolean[1];
        Random rnd = new Random(ctx.seed());
        double[] history = new double[maxIter];
        int sweeps = 0;
        monitor.update(0, "weight matching");
        for (int it = 0; it < maxIter; it++) {
            java.util.Collections.shuffle(order, rnd);
            boolean progress = false;
            for (String group : order) {
                monitor.checkCancelled();
                int n = costs.size(group);
                double[] c = costs.cost(group, perm, changed);
                if (!changed[0]) {
                    // Same cost as at this group's last visit: the assignment would be the same again.
                    continue;
                }
                int[] old = perm.get(group);
                int[] next = LinearAssignment.maximize(c, n,
                        warm.computeIfAbsent(group, g -> new LinearAssignment.WarmStart()));
                double oldL = LinearAssignment.value(c, n, old);
                double newL = LinearAssignment.value(c, n, next);
                if (newL > oldL + PROGRESS_TOL * Math.max(1, Math.abs(oldL))) {
                    progress = true;
                }
                // The assignment is optimal, so newL < oldL can only be rounding in the sum; keeping the old
                // permutation then keeps the history monotone.
                if (newL >= oldL) {
                    perm = perm.with(group, next);
                }
            }
            history[sweeps++] = costs.objective(perm);
            monitor.update((double) sweeps / maxIter, String.format(Locale.ROOT,
                    "weight matching sweep %d: objective %.6g", sweeps, history[sweeps - 1]));
            if (!progress) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return MatchingMath.result(NAME, a, b, spec, perm, sweeps, java.util.Arrays.copyOf(history, sweeps),
                seconds);
    }
}
