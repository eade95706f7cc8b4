package org.lmcx.match;

import java.util.Arrays;

/**
 * The textbook O(n³) Hungarian algorithm (Kuhn–Munkres with potentials, row by row, as on e-maxx.ru), kept
 * deliberately plain: it is the benchmark baseline for {@link LinearAssignment} and an independent oracle in
 * its tests. Maximizes, like {@link LinearAssignment#maximize}.
 */
public final class HungarianBaseline {

    private HungarianBaseline() {
    }

    public static int[] maximize(double[][] cost) {
        int n = LinearAssignment.checkSquareFinite(cost);
        // 1-based arrays with a virtual column 0, exactly as the classic formulation.
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] p = new int[n + 1];
        int[] way = new int[n + 1];
        double[] minv = new double[n + 1];
        boolean[] used = new boolean[n + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double cur = -cost[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] col = new int[n];
        for (int j = 1; j <= n; j++) {
            col[p[j] - 1] = j - 1;
        }
        return col;
    }
}
