package org.lmcx.match;

import java.util.Arrays;

/**
 * Exact dense linear assignment, maximizing {@code Σ cost[i][col[i]]} over permutations. Shortest augmenting
 * paths with dual potentials (Jonker–Volgenant as reformulated by Crouse 2016, the algorithm behind SciPy's
 * {@code linear_sum_assignment}), O(n³) worst case and far less on the dense real-valued costs of matching.
 *
 * <p>Internally it minimizes the negated cost; ties are broken deterministically (first unassigned column in
 * scan order), so equal inputs give equal outputs.
 */
public final class LinearAssignment {

    private LinearAssignment() {
    }

    /**
     * @param cost square matrix, finite values
     * @return for every row the column assigned to it
     * @throws IllegalArgumentException if the matrix is not square or holds NaN or an infinity
     */
    public static int[] maximize(double[][] cost) {
        int n = checkSquareFinite(cost);
        if (n == 0) {
            return new int[0];
        }
        // Negating once up front keeps the inner loop branch-free; minimization of −C maximizes C.
        double[][] c = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] row = cost[i];
            double[] r = new double[n];
            for (int j = 0; j < n; j++) {
                r[j] = -row[j];
            }
            c[i] = r;
        }
        return minimizeInPlace(c);
    }

    /** The same problem, minimizing {@code Σ cost[i][col[i]]}. */
    public static int[] minimize(double[][] cost) {
        int n = checkSquareFinite(cost);
        if (n == 0) {
            return new int[0];
        }
        double[][] c = new double[n][];
        for (int i = 0; i < n; i++) {
            c[i] = cost[i].clone();
        }
        return minimizeInPlace(c);
    }

    /** {@code Σ cost[i][col[i]]}. */
    public static double value(double[][] cost, int[] col) {
        double s = 0;
        for (int i = 0; i < col.length; i++) {
            s += cost[i][col[i]];
        }
        return s;
    }

    static int checkSquareFinite(double[][] cost) {
        if (cost == null) {
            throw new IllegalArgumentException("cost matrix is null");
        }
        int n = cost.length;
        for (int i = 0; i < n; i++) {
            if (cost[i] == null || cost[i].length != n) {
                throw new IllegalArgumentException("cost matrix must be square: row " + i + " has "
                        + (cost[i] == null ? "no" : String.valueOf(cost[i].length)) + " entries, expected " + n);
            }
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(cost[i][j])) {
                    throw new IllegalArgumentException("cost[" + i + "][" + j + "] is " + cost[i][j]
                            + " (costs must be finite)");
                }
            }
        }
        return n;
    }

    private static int[] minimizeInPlace(double[][] c) {
        int n = c.length;
        double[] u = new double[n];
        double[] v = new double[n];
        double[] dist = new double[n];
        int[] path = new int[n];
        int[] col4row = new int[n];
        int[] row4col = new int[n];
        boolean[] sr = new boolean[n];
        boolean[] sc = new boolean[n];
        int[] remaining = new int[n];
        int[] scannedRows = new int[n];
        int[] scannedCols = new int[n];
        Arrays.fill(col4row, -1);
        Arrays.fill(row4col, -1);

        int[] free = initialize(c, v, col4row, row4col);
        // Duals of the rows the initialization assigned: their column is a minimum of c[i][·] − v, which is
        // exactly the feasibility the augmenting-path phase needs. Free rows start at 0 as in Crouse's version.
        for (int i = 0; i < n; i++) {
            if (col4row[i] >= 0) {
                u[i] = c[i][col4row[i]] - v[col4row[i]];
            }
        }

        for (int f = 0; f < free.length; f++) {
            int curRow = free[f];
            // Dijkstra over reduced costs from curRow until it reaches a free column (the sink).
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            Arrays.fill(sr, false);
            Arrays.fill(sc, false);
            int numRemaining = n;
            for (int it = 0; it < n; it++) {
                // Reverse order, as SciPy: with ties the search prefers late columns, which reaches free
                // columns sooner on constant-ish matrices.
                remaining[it] = n - it - 1;
            }
            int nsr = 0;
            int nsc = 0;
            double minVal = 0;
            int sink = -1;
            int i = curRow;
            while (sink == -1) {
                sr[i] = true;
                scannedRows[nsr++] = i;
                int index = -1;
                double lowest = Double.POSITIVE_INFINITY;
                double[] ci = c[i];
                double base = minVal - u[i];
                for (int it = 0; it < numRemaining; it++) {
                    int j = remaining[it];
                    double r = base + ci[j] - v[j];
                    if (r < dist[j]) {
                        path[j] = i;
                        dist[j] = r;
                    }
                    double d = dist[j];
                    if (d < lowest || (d == lowest && row4col[j] == -1)) {
                        lowest = d;
                        index = it;
                    }
                }
                minVal = lowest;
                if (index < 0 || minVal == Double.POSITIVE_INFINITY) {
                    throw new IllegalStateException("assignment infeasible (internal error)");
                }
                int j = remaining[index];
                if (row4col[j] == -1) {
                    sink = j;
                } else {
                    i = row4col[j];
                }
                sc[j] = true;
                scannedCols[nsc++] = j;
                remaining[index] = remaining[--numRemaining];
            }

            // Update the duals so reduced costs stay non-negative and the path becomes tight.
            u[curRow] += minVal;
            for (int k = 0; k < nsr; k++) {
                int r = scannedRows[k];
                if (r != curRow) {
                    u[r] += minVal - dist[col4row[r]];
                }
            }
            for (int k = 0; k < nsc; k++) {
                int j = scannedCols[k];
                v[j] -= minVal - dist[j];
            }

            // Augment along the alternating path back to curRow.
            int j = sink;
            while (true) {
                int r = path[j];
                row4col[j] = r;
                int t = col4row[r];
                col4row[r] = j;
                j = t;
                if (r == curRow) {
                    break;
                }
            }
        }
        return col4row;
    }

    /**
     * Jonker–Volgenant's initialization: column reduction, reduction transfer and two rounds of augmenting row
     * reduction. On dense random costs it assigns almost every row cheaply, leaving few for the O(n²) path
     * searches. Returns the rows still free. Each assigned row's column minimizes {@code c[i][·] − v}.
     */
    private static int[] initialize(double[][] c, double[] v, int[] col4row, int[] row4col) {
        int n = c.length;
        int[] matches = new int[n];
        for (int j = n - 1; j >= 0; j--) {
            double min = c[0][j];
            int imin = 0;
            for (int i = 1; i < n; i++) {
                if (c[i][j] < min) {
                    min = c[i][j];
                    imin = i;
                }
            }
            v[j] = min;
            if (++matches[imin] == 1) {
                col4row[imin] = j;
                row4col[j] = imin;
            }
        }
        int[] free = new int[n];
        int numFree = 0;
        for (int i = 0; i < n; i++) {
            if (matches[i] == 0) {
                free[numFree++] = i;
            } else if (matches[i] == 1) {
                int j1 = col4row[i];
                double min = Double.POSITIVE_INFINITY;
                double[] ci = c[i];
                for (int j = 0; j < n; j++) {
                    if (j != j1 && ci[j] - v[j] < min) {
                        min = ci[j] - v[j];
                    }
                }
                if (min < Double.POSITIVE_INFINITY) {
                    v[j1] -= min;
                }
            }
        }
        // Each put-back strictly lowers a dual in exact arithmetic; in floating point a tiny step can round to
        // nothing and two rows could trade a column forever, so the work is capped and leftovers go to the
        // exact phase.
        long budget = 8L * n + 64;
        for (int round = 0; round < 2 && numFree > 0; round++) {
            int k = 0;
            int prevFree = numFree;
            numFree = 0;
            while (k < prevFree) {
                int i = free[k++];
                if (--budget < 0) {
                    free[numFree++] = i;
                    continue;
                }
                double[] ci = c[i];
                double umin = ci[0] - v[0];
                int j1 = 0;
                int j2 = -1;
                double usubmin = Double.POSITIVE_INFINITY;
                for (int j = 1; j < n; j++) {
                    double h = ci[j] - v[j];
                    if (h < usubmin) {
                        if (h >= umin) {
                            usubmin = h;
                            j2 = j;
                        } else {
                            usubmin = umin;
                            umin = h;
                            j2 = j1;
                            j1 = j;
                        }
                    }
                }
                int i0 = row4col[j1];
                boolean lowered = false;
                if (umin < usubmin) {
                    double nv = v[j1] - (usubmin - umin);
                    if (!(nv < v[j1])) {
                        // The gap vanished in rounding: leave the row to the exact phase.
                        free[numFree++] = i;
                        continue;
                    }
                    v[j1] = nv;
                    lowered = true;
                } else if (i0 >= 0) {
                    j1 = j2;
                    i0 = row4col[j2];
                }
                if (i0 >= 0) {
                    col4row[i0] = -1;
                }
                col4row[i] = j1;
                row4col[j1] = i;
                if (i0 >= 0) {
                    if (lowered) {
                        free[--k] = i0;
                    } else {
                        free[numFree++] = i0;
                    }
                }
            }
        }
        return Arrays.copyOf(free, numFree);
    }
}
