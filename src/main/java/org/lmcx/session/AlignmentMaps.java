package org.lmcx.session;

import org.lmcx.analysis.Alignment;

import java.util.ArrayList;
import java.util.List;

/**
 * How well the top-k singular vectors of A and B line up in one layer, before and after matching:
 * {@code |UaᵀUb|} (left singular vectors, side "left") or {@code |VaᵀVb|} (right, side "right"), each k×k with
 * entries in [0, 1]; a diagonal near 1 means the directions coincide.
 *
 * @param layer  the tensor
 * @param side   "left" (U, output space) or "right" (V, input space)
 * @param method the matching method applied for "after"
 * @param before {@code before[i][j] = |⟨ua_i, ub_j⟩|} with B as loaded
 * @param after  the same with π(B)
 */
public record AlignmentMaps(String layer, String side, String method, double[][] before, double[][] after) {

    public AlignmentMaps {
        before = copy(before);
        after = copy(after);
    }

    /** The left and right maps of one layer, "after" being A against π(B) of {@code method}. */
    public static List<AlignmentMaps> of(Alignment.LayerAlignment l, String method) {
        return List.of(new AlignmentMaps(l.tensor(), "left", method, l.before().left(), l.after().left()),
                new AlignmentMaps(l.tensor(), "right", method, l.before().right(), l.after().right()));
    }

    /** {@link #of(Alignment.LayerAlignment, String)} for every layer, left then right per layer. */
    public static List<AlignmentMaps> of(Alignment.Result r, String method) {
        List<AlignmentMaps> out = new ArrayList<>();
        for (Alignment.LayerAlignment l : r.layers()) {
            out.addAll(of(l, method));
        }
        return out;
    }

    static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /**
     * The summary number of a run's alignment: the mean over its maps (every layer and side) of the diagonal mean
     * after matching, skipping maps with no diagonal; NaN when there is none. Summary table and Summary view show it.
     */
    public static double meanDiagonalAfter(java.util.List<AlignmentMaps> maps) {
        double sum = 0;
        int n = 0;
        for (AlignmentMaps m : maps) {
            double d = diagonalMean(m.after());
            if (Double.isFinite(d)) {
                sum += d;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Mean of the diagonal: 1 when each top direction of A has its counterpart at the same rank in B. */
    public static double diagonalMean(double[][] m) {
        int k = Math.min(m.length, m.length == 0 ? 0 : m[0].length);
        double s = 0;
        for (int i = 0; i < k; i++) {
            s += m[i][i];
        }
        return k == 0 ? Double.NaN : s / k;
    }
}
