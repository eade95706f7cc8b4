package org.lmcx.match;

/**
 * Sinkhorn normalization of one score matrix into a (nearly) doubly stochastic matrix, and the exact
 * reverse-mode derivative of that fixed number of iterations.
 *
 * <p>The iterates are those of log-domain Sinkhorn ({@code T} alternating row and column log-normalizations of
 * {@code L = scores / τ}, rows first), computed in the equivalent scaling form
 * {@code S = diag(u) · exp(L − rowmax) · diag(v)}: the row maxima make every row's largest kernel entry 1, so the
 * scalings stay in double range for score spreads far beyond what the matcher produces, and the O(n²) work per
 * iteration is multiply–adds instead of exponentials. The backward pass differentiates through the unrolled
 * iterations by hand (not the implicit fixed-point formula), so its gradient is exact for the S actually
 * computed even when T iterations have not converged.
 *
 * <p>Not thread-safe; one instance per group, reused across steps.
 */
final class SoftPermutation {

    final int n;
    final int iters;
    /** Kernel {@code exp(L − rowmax)}, row-major, and its transpose (so both matrix–vector products are axpys). */
    final double[] k;
    private final double[] kt;
    /** The soft permutation, row-major. */
    final double[] s;
    /** u_1..u_T and v_0..v_T of the last forward pass. */
    private final double[][] us;
    private final double[][] vs;

    SoftPermutation(int n, int iters) {
        if (iters < 1) {
            throw new org.lmcx.model.UserInputException("sinkhorn_iters must be ≥ 1, got " + iters);
        }
        this.n = n;
        this.iters = iters;
        this.k = new double[n * n];
        this.kt = new double[n * n];
        this.s = new double[n * n];
        this.us = new double[iters + 1][n];
        this.vs = new double[iters + 1][n];
    }

    /** Computes {@link #s} from the scores (row-major n×n) at temperature {@code tau}. */
    void forward(double[] scores, double tau) {
        for (int i = 0; i < n; i++) {
            int off = i * n;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, scores[off + j]);
            }
            for (int j = 0; j < n; j++) {
                double e = Math.exp((scores[off + j] - max) / tau);
                k[off + j] = e;
                kt[j * n + i] = e;
            }
        }
        double[] v0 = vs[0];
        java.util.Arrays.fill(v0, 1.0);
        for (int t = 1; t <= iters; t++) {
            double[] u = us[t];
            mulVec(kt, vs[t - 1], u);
            for (int i = 0; i < n; i++) {
                u[i] = 1.0 / u[i];
            }
            double[] w = vs[t];
            mulVec(k, u, w);
            for (int j = 0; j < n; j++) {
                w[j] = 1.0 / w[j];
            }
        }
        double[] u = us[iters];
        double[] v = vs[iters];
        for (int i = 0; i < n; i++) {
            int off = i * n;
            double ui = u[i];
            for (int j = 0; j < n; j++) {
                double x = ui * k[off + j] * v[j];
                if (!Double.isFinite(x)) {
                    throw new IllegalStateException("Sinkhorn overflowed (score spread too large for temperature "
                            + tau + "); raise the temperature or lower the learning rate");
                }
                s[off + j] = x;
            }
        }
    }

    /**
     * Given {@code g = dF/dS} (row-major), returns {@code dF/dscores} for the last {@link #forward} call.
     */
    double[] backward(double[] g, double tau) {
        double[] uT = us[iters];
        double[] vT = vs[iters];
        // Gradients w.r.t. the final scalings from S = diag(u) K diag(v).
        double[] ubar = new double[n];
        double[] vbar = new double[n];
        for (int i = 0; i < n; i++) {
            int off = i * n;
            double acc = 0;
            for (int j = 0; j < n; j++) {
                double gs = g[off + j] * s[off + j];
                acc += gs;
                vbar[j] += gs;
            }
            ubar[i] = acc / uT[i];
        }
        for (int j = 0; j < n; j++) {
            vbar[j] /= vT[j];
        }
        // Per iteration the kernel gets two rank-one gradient terms: u_t ⊗ wbar_t and zbar_t ⊗ v_{t−1}.
        double[][] wbars = new double[iters + 1][];
        double[][] zbars = new double[iters + 1][];
        for (int t = iters; t >= 1; t--) {
            double[] v = vs[t];
            double[] wbar = new double[n];
            for (int j = 0; j < n; j++) {
                wbar[j] = -vbar[j] * v[j] * v[j];
            }
            // w_t = Kᵀ u_t  ⇒  ubar += K wbar
            double[] u = us[t];
            double[] kw = new double[n];
            mulVec(kt, wbar, kw);
            for (int i = 0; i < n; i++) {
                ubar[i] += kw[i];
            }
            double[] zbar = new double[n];
            for (int i = 0; i < n; i++) {
                zbar[i] = -ubar[i] * u[i] * u[i];
            }
            // z_t = K v_{t−1}  ⇒  vbar(v_{t−1}) = Kᵀ zbar
            double[] nv = new double[n];
            mulVec(k, zbar, nv);
            vbar = nv;
            ubar = new double[n];
            wbars[t] = wbar;
            zbars[t] = zbar;
        }
        // dF/dL = Kbar ⊙ K with Kbar = G ⊙ (u vᵀ) + Σ_t (u_t wbar_tᵀ + zbar_t v_{t−1}ᵀ); G ⊙ u vᵀ ⊙ K = G ⊙ S.
        double[] out = new double[n * n];
        double invTau = 1.0 / tau;
        double[] rowCoef = new double[2 * iters];
        double[][] colVecs = new double[2 * iters][];
        for (int t = 1; t <= iters; t++) {
            colVecs[2 * (t - 1)] = wbars[t];
            colVecs[2 * (t - 1) + 1] = vs[t - 1];
        }
        double[] acc = new double[n];
        for (int i = 0; i < n; i++) {
            for (int t = 1; t <= iters; t++) {
                rowCoef[2 * (t - 1)] = us[t][i];
                rowCoef[2 * (t - 1) + 1] = zbars[t][i];
            }
            java.util.Arrays.fill(acc, 0.0);
            for (int q = 0; q < rowCoef.length; q++) {
                double c = rowCoef[q];
                double[] col = colVecs[q];
                for (int j = 0; j < n; j++) {
                    acc[j] += c * col[j];
                }
            }
            int off = i * n;
            for (int j = 0; j < n; j++) {
                out[off + j] = (g[off + j] * s[off + j] + k[off + j] * acc[j]) * invTau;
            }
        }
        return out;
    }

    /** {@code out = mᵀ x} for row-major {@code m}: a sum of scaled rows, so the inner loop vectorizes. */
    private void mulVec(double[] m, double[] x, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        for (int r = 0; r < n; r++) {
            double xr = x[r];
            int off = r * n;
            for (int j = 0; j < n; j++) {
                out[j] += xr * m[off + j];
            }
        }
    }
}
