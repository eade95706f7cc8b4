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
        // Negating once up front keeps the inner loop branch-free; minimization of −C maximizes C.
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            double[] row = cost[i];
            for (int j = 0; j < n; j++) {
                c[i * n + j] = -row[j];
            }
        }
        return minimizeInPlace(c, n, null);
    }

    /**
     * The same on a row-major {@code n × n} matrix ({@code cost[i·n + j]}), which is left unchanged.
     *
     * @throws IllegalArgumentException if the length is not {@code n²} or a value is NaN or an infinity
     */
    public static int[] maximize(double[] cost, int n) {
        return maximize(cost, n, null);
    }

    /**
     * As {@link #maximize(double[], int)}, starting from the duals and assignment a previous call left in
     * {@code warm} (null or empty: a cold start) and leaving this call's there. When the cost changed little
     * (weight matching's successive visits of one group), most rows stay tight under the old column duals and
     * only the others need augmenting paths. The result is an optimal assignment either way; only among
     * several optimal ones may the choice differ from a cold start.
     */
    public static int[] maximize(double[] cost, int n, WarmStart warm) {
        checkFlat(cost, n);
        double[] c = new double[n * n];
        for (int i = 0; i < c.length; i++) {
            c[i] = -cost[i];
        }
        return minimizeInPlace(c, n, warm);
    }

    /** What one solve leaves for the next: column duals and the assignment, for one matrix size. */
    public static final class WarmStart {
        private double[] v;
        private int[] col4row;

        /** Rows the last warm start found still tight (for tests and the bench). */
        int lastTightRows = -1;
    }

    /** The same problem, minimizing {@code Σ cost[i][col[i]]}. */
    public static int[] minimize(double[][] cost) {
        int n = checkSquareFinite(cost);
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(cost[i], 0, c, i * n, n);
        }
        return minimizeInPlace(c, n, null);
    }

    /** {@code Σ cost[i][col[i]]}. */
    public static double value(double[][] cost, int[] col) {
        double s = 0;
        for (int i = 0; i < col.length; i++) {
            s += cost[i][col[i]];
        }
        return s;
    }

    /** {@code Σ cost[i·n + col[i]]} on a row-major matrix. */
    public static double value(double[] cost, int n, int[] col) {
        double s = 0;
        for (int i = 0; i < col.length; i++) {
            s += cost[i * n + col[i]];
        }
        return s;
    }

    private static void checkFlat(double[] cost, int n) {
        if (cost == null || n < 0 || cost.length != (long) n * n) {
            throw new IllegalArgumentException("cost matrix must hold n² = " + ((long) n * n) + " values, has "
                    + (cost == null ? "none" : String.valueOf(cost.length)));
        }
        for (int i = 0; i < cost.length; i++) {
            if (!Double.isFinite(cost[i])) {
                throw new IllegalArgumentException("cost[" + i / n + "][" + i % n + "] is " + cost[i]
                        + " (costs must be finite)");
            }
        }
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

    private static int[] minimizeInPlace(double[] c, int n, WarmStart warm) {
        if (n == 0) {
            return new int[0];
        }
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

        boolean hot = warm != null && warm.v != null && warm.v.length == n;
        int[] free = hot ? initializeWarm(c, n, warm, v, col4row, row4col) : initialize(c, n, v, col4row, row4col);
        // Duals of the rows the initialization assigned: their column is a minimum of c[i][·] − v, which is
        // exactly the feasibility the augmenting-path phase needs. Free rows start at 0 as in Crouse's version.
        for (int i = 0; i < n; i++) {
            if (col4row[i] >= 0) {
                u[i] = c[i * n + col4row[i]] - v[col4row[i]];
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
                int ci = i * n;
                double base = minVal - u[i];
                for (int it = 0; it < numRemaining; it++) {
                    int j = remaining[it];
                    double r = base + c[ci + j] - v[j];
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
        if (warm != null) {
            warm.v = v;
            warm.col4row = col4row.clone();
        }
        return col4row;
    }

    /**
     * Jonker–Volgenant's initialization: column reduction, reduction transfer and two rounds of augmenting row
     * reduction. On dense random costs it assigns almost every row cheaply, leaving few for the O(n²) path
     * searches. Returns the rows still free. Each assigned row's column minimizes {@code c[i][·] − v}.
     */
    private static int[] initialize(double[] c, int n, double[] v, int[] col4row, int[] row4col) {
        int[] matches = new int[n];
        // Column minima (first row on ties), scanned row by row for the cache; assigned in descending column
        // order as in Jonker–Volgenant.
        int[] argmin = new int[n];
        System.arraycopy(c, 0, v, 0, n);
        for (int i = 1; i < n; i++) {
            int ci = i * n;
            for (int j = 0; j < n; j++) {
                if (c[ci + j] < v[j]) {
                    v[j] = c[ci + j];
                    argmin[j] = i;
                }
            }
        }
        for (int j = n - 1; j >= 0; j--) {
            int imin = argmin[j];
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
                int ci = i * n;
                for (int j = 0; j < n; j++) {
                    if (j != j1 && c[ci + j] - v[j] < min) {
                        min = c[ci + j] - v[j];
                    }
                }
                if (min < Double.POSITIVE_INFINITY) {
                    v[j1] -= min;
                }
            }
        }
        return reduceRows(c, n, v, col4row, row4col, free, numFree);
    }

    /**
     * The warm start: the previous column duals stay, each row's dual becomes its minimum reduced cost, and a
     * row keeps its previous column if that column still attains the minimum. The rest are left to
     * augmenting row reduction and the path searches, exactly as after the cold initialization.
     */
    private static int[] initializeWarm(double[] c, int n, WarmStart warm, double[] v, int[] col4row,
                                        int[] row4col) {
        System.arraycopy(warm.v, 0, v, 0, n);
        int[] free = new int[n];
        int numFree = 0;
        for (int i = 0; i < n; i++) {
            int ci = i * n;
            double min = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                double h = c[ci + j] - v[j];
                if (h < min) {
                    min = h;
                }
            }
            int j0 = warm.col4row[i];
            // The duals a solve ends with are tight only up to rounding; a few ulps off still counts as tight
            // (the path phase tolerates reduced costs of −1e-13 relative as well as LAPACK-style rounding).
            double own = c[ci + j0] - v[j0];
            if (own - min <= 1e-13 * (Math.abs(c[ci + j0]) + Math.abs(v[j0]) + Math.abs(min))) {
                col4row[i] = j0;
                row4col[j0] = i;
            } else {
                free[numFree++] = i;
            }
        }
        warm.lastTightRows = n - numFree;
        return reduceRows(c, n, v, col4row, row4col, free, numFree);
    }

    /** Two rounds of augmenting row reduction on the free rows; returns those still free. */
    private static int[] reduceRows(double[] c, int n, double[] v, int[] col4row, int[] row4col, int[] free,
                                    int numFree) {
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
                int ci = i * n;
                double umin = c[ci] - v[0];
                int j1 = 0;
                int j2 = -1;
                double usubmin = Double.POSITIVE_INFINITY;
                for (int j = 1; j < n; j++) {
                    double h = c[ci + j] - v[j];
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
