package org.lmcx.analysis;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Singular value decompositions through LAPACK's {@code dgesvd} (ND4J's blas wrapper). ND4J's own Svd op is
 * unusable on CPU in 1.0.0-M2.1 (wrong argument types; one variant crashes the JVM), so this calls
 * {@code lapack().gesvd(A, S, U, VT)} directly: it overwrites A, takes column-major ('f') double arrays and
 * computes no vectors for a null U or VT.
 *
 * <p>Vectors are only ever requested for the short side: a convolution in im2col view can be 512 × 4608, and a
 * full 4608² factor would cost 170 MB for nothing. The long side's top vectors follow from
 * {@code v_i = Wᵀ u_i / σ_i} (or {@code u_i = W v_i / σ_i}), which keeps the accuracy of the direct SVD
 * (no Gram matrix squares the condition number).
 */
final class Svd {

    /**
     * @param sigma all min(rows, cols) singular values, descending
     * @param u     the first k left singular vectors, {@code u[i]} of length rows
     * @param v     the first k right singular vectors, {@code v[i]} of length cols
     */
    record Decomposition(double[] sigma, double[][] u, double[][] v) {
    }

    private Svd() {
    }

    /** Singular values of a row-major matrix, descending. */
    static double[] values(float[][] w) {
        int m = w.length;
        int n = m == 0 ? 0 : w[0].length;
        if (m == 0 || n == 0) {
            return new double[0];
        }
        INDArray a = columnMajor(w, false);
        INDArray s = Nd4j.create(DataType.DOUBLE, Math.min(m, n));
        Nd4j.getBlasWrapper().lapack().gesvd(a, s, null, null);
        return s.toDoubleVector();
    }

    /** All singular values and the top {@code k} (capped by min(rows, cols)) singular vector pairs. */
    static Decomposition top(float[][] w, int k) {
        int m = w.length;
        int n = m == 0 ? 0 : w[0].length;
        int r = Math.min(m, n);
        k = Math.min(k, r);
        if (r == 0) {
            return new Decomposition(new double[0], new double[0][], new double[0][]);
        }
        // X is the short-and-wide orientation: p = min(m, n) rows.
        boolean transpose = m > n;
        int p = transpose ? n : m;
        INDArray x = columnMajor(w, transpose);
        INDArray s = Nd4j.create(DataType.DOUBLE, p);
        INDArray ux = Nd4j.create(DataType.DOUBLE, new long[]{p, p}, 'f');
        Nd4j.getBlasWrapper().lapack().gesvd(x, s, ux, null);
        double[] sigma = s.toDoubleVector();
        double[][] shortSide = new double[k][p];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < p; j++) {
                shortSide[i][j] = ux.getDouble(j, i);
            }
        }
        // Long side: W v = σ u (transpose) or Wᵀ u = σ v; singular values that vanish leave the vector
        // undetermined, and a zero vector then says so honestly instead of inventing a direction.
        int q = transpose ? m : n;
        double[][] longSide = new double[k][q];
        double tiny = sigma[0] * 1e-12;
        for (int i = 0; i < k; i++) {
            if (sigma[i] <= tiny) {
                continue;
            }
            double[] out = longSide[i];
            double[] in = shortSide[i];
            if (transpose) {
                // u_i = W v_i / σ_i, W is m × n, v_i has length n = p.
                for (int row = 0; row < m; row++) {
                    float[] wr = w[row];
                    double acc = 0;
                    for (int c = 0; c < n; c++) {
                        acc += wr[c] * in[c];
                    }
                    out[row] = acc / sigma[i];
                }
            } else {
                // v_i = Wᵀ u_i / σ_i, u_i has length m = p.
                for (int row = 0; row < m; row++) {
                    float[] wr = w[row];
                    double ui = in[row];
                    for (int c = 0; c < n; c++) {
                        out[c] += wr[c] * ui;
                    }
                }
                for (int c = 0; c < n; c++) {
                    out[c] /= sigma[i];
                }
            }
        }
        return transpose ? new Decomposition(sigma, longSide, shortSide)
                : new Decomposition(sigma, shortSide, longSide);
    }

    private static INDArray columnMajor(float[][] w, boolean transpose) {
        int m = w.length;
        int n = w[0].length;
        int rows = transpose ? n : m;
        int cols = transpose ? m : n;
        double[] flat = new double[rows * cols];
        // Column-major: element (i, j) at j·rows + i.
        for (int i = 0; i < m; i++) {
            float[] wr = w[i];
            for (int j = 0; j < n; j++) {
                int r = transpose ? j : i;
                int c = transpose ? i : j;
                flat[c * rows + r] = wr[j];
            }
        }
        return Nd4j.create(flat, new long[]{rows, cols}, 'f');
    }
}
