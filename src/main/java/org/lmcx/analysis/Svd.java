package org.lmcx.analysis;

import org.bytedeco.openblas.global.openblas;

/**
 * Singular value decompositions in double precision through OpenBLAS's LAPACK, called directly (the
 * {@code org.bytedeco.openblas} binding ND4J's CPU backend already ships): ND4J's own Svd op is unusable on CPU
 * in 1.0.0-M2.1 (wrong argument types; one variant crashes the JVM) and its LAPACK wrapper offers only
 * {@code gesvd}, without the divide-and-conquer {@code gesdd}.
 *
 * <p>A layer in im2col view is often far from square (512 × 4608). Its long side is first folded away by a
 * Householder QR ({@code dgeqrf}: {@code Wᵀ = QR}, so W and {@code Rᵀ} share singular values and left
 * vectors), and only the small square factor R is decomposed by {@code dgesdd}. Both steps are backward
 * stable, so small singular values keep the accuracy of a direct {@code gesvd} (absolute error ~ε·σ₁), which
 * the faster Gram-matrix route would not: it squares the condition number.
 *
 * <p>Vectors are computed for the short side only; the long side's top vectors follow from
 * {@code v_i = Wᵀ u_i / σ_i} (one BLAS product), so no 4608² factor is ever formed.
 */
public final class Svd {

    /** The long side is folded by QR first from this aspect ratio on (LAPACK's own crossover is ~1.6). */
    static final double QR_ASPECT = 1.5;

    /**
     * @param sigma all min(rows, cols) singular values, descending
     * @param u     the first k left singular vectors, {@code u[i]} of length rows
     * @param v     the first k right singular vectors, {@code v[i]} of length cols
     */
    public record Decomposition(double[] sigma, double[][] u, double[][] v) {
    }

    private Svd() {
    }

    /** Singular values of a row-major matrix, descending. */
    public static double[] values(float[][] w) {
        org.lmcx.task.ComputeThreadGuard.check("Svd.values");
        int m = w.length;
        int n = m == 0 ? 0 : w[0].length;
        if (m == 0 || n == 0) {
            return new double[0];
        }
        Square s = square(w);
        double[] sigma = new double[s.p];
        check(openblas.LAPACKE_dgesdd(openblas.LAPACK_COL_MAJOR, (byte) 'N', s.p, s.p, s.a, s.p, sigma,
                new double[1], 1, new double[1], 1), "dgesdd");
        return sigma;
    }

    /** All singular values and the top {@code k} (capped by min(rows, cols)) singular vector pairs. */
    public static Decomposition top(float[][] w, int k) {
        org.lmcx.task.ComputeThreadGuard.check("Svd.top");
        int m = w.length;
        int n = m == 0 ? 0 : w[0].length;
        int r = Math.min(m, n);
        k = Math.min(k, r);
        if (r == 0) {
            return new Decomposition(new double[0], new double[0][], new double[0][]);
        }
        // S = the short-and-wide orientation's square factor (p × p): its left vectors are W's short-side ones.
        boolean transpose = m > n;
        int p = r;
        Square s = square(w);
        double[] sigma = new double[p];
        double[] u = new double[p * p];
        double[] vt = new double[p * p];
        check(openblas.LAPACKE_dgesdd(openblas.LAPACK_COL_MAJOR, (byte) 'S', p, p, s.a, p, sigma, u, p, vt, p),
                "dgesdd");
        double[][] shortSide = new double[k][p];
        for (int i = 0; i < k; i++) {
            System.arraycopy(u, i * p, shortSide[i], 0, p);
        }
        // Long side: W v = σ u (transpose) or Wᵀ u = σ v, for all k at once: [q, p]·[p, k] on the long matrix X
        // (X = W or Wᵀ, q × p row-major = the short-wide orientation's transpose).
        int q = transpose ? m : n;
        double[] x = new double[q * p];
        for (int i = 0; i < m; i++) {
            float[] wr = w[i];
            for (int j = 0; j < n; j++) {
                // X[l, s] with l the long index and s the short one.
                x[transpose ? i * p + j : j * p + i] = wr[j];
            }
        }
        double[] y = new double[q * k];
        // Row-major X [q, p] times the first k columns of U (column-major [p, p]).
        openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasTrans, q, k, p, 1.0,
                x, p, u, p, 0.0, y, k);
        double[][] longSide = new double[k][q];
        // Singular values that vanish leave the vector undetermined; a zero vector then says so honestly.
        double tiny = sigma[0] * 1e-12;
        for (int i = 0; i < k; i++) {
            if (sigma[i] <= tiny) {
                continue;
            }
            double[] out = longSide[i];
            for (int l = 0; l < q; l++) {
                out[l] = y[l * k + i] / sigma[i];
            }
        }
        return transpose ? new Decomposition(sigma, longSide, shortSide)
                : new Decomposition(sigma, shortSide, longSide);
    }

    /** A column-major p × p matrix with W's singular values and short-side singular vectors. */
    private record Square(int p, double[] a) {
    }

    private static Square square(float[][] w) {
        int m = w.length;
        int n = w[0].length;
        int p = Math.min(m, n);
        int q = Math.max(m, n);
        boolean transpose = m > n;
        if (q < QR_ASPECT * p) {
            // Nearly square: the short-wide orientation itself, column-major p × q padded to nothing.
            double[] a = new double[p * q];
            for (int i = 0; i < m; i++) {
                float[] wr = w[i];
                for (int j = 0; j < n; j++) {
                    // X = W (p = m rows) or Wᵀ (p = n rows); column-major X[s, l] at l·p + s.
                    a[transpose ? i * p + j : j * p + i] = wr[j];
                }
            }
            if (q == p) {
                return new Square(p, a);
            }
            // Still not square: one more LAPACK call is cheaper than a second code path for p × q.
            return foldByQr(transposeColumnMajor(a, p, q), q, p);
        }
        // Xᵀ, the tall orientation, column-major q × p: element (l, s) at s·q + l.
        double[] t = new double[q * p];
        for (int i = 0; i < m; i++) {
            float[] wr = w[i];
            for (int j = 0; j < n; j++) {
                t[transpose ? j * q + i : i * q + j] = wr[j];
            }
        }
        return foldByQr(t, q, p);
    }

    /** {@code Xᵀ = QR} for the tall column-major {@code q × p} matrix t; returns {@code Rᵀ} (column-major). */
    private static Square foldByQr(double[] t, int q, int p) {
        double[] tau = new double[p];
        check(openblas.LAPACKE_dgeqrf(openblas.LAPACK_COL_MAJOR, q, p, t, q, tau), "dgeqrf");
        // X = Rᵀ Qᵀ: the left singular vectors of X are those of Rᵀ (lower triangular, column-major).
        double[] rt = new double[p * p];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i <= j; i++) {
                rt[i * p + j] = t[j * q + i];
            }
        }
        return new Square(p, rt);
    }

    private static double[] transposeColumnMajor(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                t[r * cols + c] = a[c * rows + r];
            }
        }
        return t;
    }

    private static void check(int info, String routine) {
        if (info != 0) {
            throw new ArithmeticException(routine + " failed (info " + info + ")");
        }
    }
}
