package org.lmcx.analysis;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SvdTest {

    private static float[][] random(int m, int n, long seed) {
        Random r = new Random(seed);
        float[][] w = new float[m][n];
        for (float[] row : w) {
            for (int j = 0; j < n; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return w;
    }

    @Test
    void diagonalMatrixHasItsEntriesAsSingularValues() {
        float[][] w = {{0, 3, 0}, {-5, 0, 0}};
        assertThat(Svd.values(w)).containsExactly(new double[]{5, 3}, within(1e-12));
    }

    @Test
    void topVectorsReconstructTheMatrixForWideAndTallShapes() {
        for (int[] shape : new int[][]{{7, 19}, {19, 7}, {6, 6}, {10, 13}, {13, 10}}) {
            float[][] w = random(shape[0], shape[1], shape[0] * 31L + shape[1]);
            int r = Math.min(shape[0], shape[1]);
            Svd.Decomposition d = Svd.top(w, 100);
            assertThat(d.u()).hasNumberOfRows(r);
            assertThat(d.sigma()).containsExactly(Svd.values(w), within(1e-9));
            for (int i = 0; i < shape[0]; i++) {
                for (int j = 0; j < shape[1]; j++) {
                    double s = 0;
                    for (int t = 0; t < r; t++) {
                        s += d.sigma()[t] * d.u()[t][i] * d.v()[t][j];
                    }
                    assertThat(s).as("shape %dx%d at (%d,%d)", shape[0], shape[1], i, j).isCloseTo(w[i][j], within(1e-5));
                }
            }
            for (int a = 0; a < r; a++) {
                for (int b = 0; b < r; b++) {
                    double uu = 0;
                    double vv = 0;
                    for (int i = 0; i < shape[0]; i++) {
                        uu += d.u()[a][i] * d.u()[b][i];
                    }
                    for (int j = 0; j < shape[1]; j++) {
                        vv += d.v()[a][j] * d.v()[b][j];
                    }
                    assertThat(uu).isCloseTo(a == b ? 1 : 0, within(1e-9));
                    assertThat(vv).isCloseTo(a == b ? 1 : 0, within(1e-9));
                }
            }
        }
    }

    /** {@code U·diag(σ)·Vᵀ} with random orthonormal factors and σ log-spaced from 1 down to 1e-6. */
    private static float[][] graded(int m, int n, long seed) {
        int r = Math.min(m, n);
        double[][] u = orthonormal(r, m, new Random(seed));
        double[][] v = orthonormal(r, n, new Random(seed + 1));
        float[][] w = new float[m][n];
        for (int t = 0; t < r; t++) {
            double sigma = Math.pow(1e-6, (double) t / (r - 1));
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    w[i][j] += (float) (sigma * u[t][i] * v[t][j]);
                }
            }
        }
        return w;
    }

    private static double[][] orthonormal(int k, int len, Random rnd) {
        double[][] q = new double[k][len];
        for (int a = 0; a < k; a++) {
            for (int i = 0; i < len; i++) {
                q[a][i] = rnd.nextGaussian();
            }
            for (int rep = 0; rep < 2; rep++) {
                for (int b = 0; b < a; b++) {
                    double d = 0;
                    for (int i = 0; i < len; i++) {
                        d += q[a][i] * q[b][i];
                    }
                    for (int i = 0; i < len; i++) {
                        q[a][i] -= d * q[b][i];
                    }
                }
            }
            double norm = 0;
            for (double x : q[a]) {
                norm += x * x;
            }
            for (int i = 0; i < len; i++) {
                q[a][i] /= Math.sqrt(norm);
            }
        }
        return q;
    }

    /** LAPACK dgesvd on the whole matrix through ND4J (the direct route): values, and U as columns of an f-array. */
    private static INDArray[] gesvd(float[][] w, boolean vectors) {
        int m = w.length;
        int n = w[0].length;
        INDArray a = Nd4j.create(DataType.DOUBLE, new long[]{m, n}, 'f');
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a.putScalar(i, j, w[i][j]);
            }
        }
        INDArray s = Nd4j.create(DataType.DOUBLE, Math.min(m, n));
        INDArray u = vectors ? Nd4j.create(DataType.DOUBLE, new long[]{m, m}, 'f') : null;
        INDArray vt = vectors ? Nd4j.create(DataType.DOUBLE, new long[]{n, n}, 'f') : null;
        Nd4j.getBlasWrapper().lapack().gesvd(a, s, u, vt);
        return new INDArray[]{s, u, vt};
    }

    /**
     * QR of the long side and then gesdd must keep the small singular values as accurately as gesvd on the
     * whole matrix: to 1e-5 relative down to 1e-6 of the largest, for wide, tall, square and near-square
     * shapes. The Gram-matrix shortcut fails this (it squares the condition number), which the test checks
     * too, so that it can tell the two apart.
     */
    @Test
    void smallSingularValuesAgreeWithGesvd() {
        for (int[] shape : new int[][]{{48, 432}, {432, 48}, {48, 48}, {48, 60}}) {
            float[][] w = graded(shape[0], shape[1], shape[0] * 7L + shape[1]);
            double[] ours = Svd.values(w);
            double[] ref = gesvd(w, false)[0].toDoubleVector();
            assertThat(ours).hasSameSizeAs(ref);
            for (int i = 0; i < ref.length; i++) {
                assertThat(ours[i]).as("σ_%d of %dx%d", i, shape[0], shape[1])
                        .isCloseTo(ref[i], within(1e-5 * ref[i]));
            }
            assertThat(ref[ref.length - 1]).as("the spectrum reaches down to ~1e-6").isLessThan(2e-6);
            assertThat(Svd.top(w, 4).sigma()).containsExactly(ours, within(1e-12));
        }
        float[][] w = graded(48, 432, 1);
        double[] ref = gesvd(w, false)[0].toDoubleVector();
        INDArray a = Nd4j.create(w).castTo(DataType.DOUBLE);
        INDArray gram = a.mmul(a.transpose()).dup('f');
        INDArray ev = Nd4j.create(DataType.DOUBLE, 48);
        Nd4j.getBlasWrapper().lapack().syev('N', 'U', gram, ev);
        double smallest = Math.sqrt(Math.max(0, ev.getDouble(0)));
        assertThat(Math.abs(smallest - ref[47])).as("Gram route error on σ_min").isGreaterThan(1e-5 * ref[47]);
    }

    @Test
    void topVectorsAgreeWithGesvdUpToSign() {
        for (int[] shape : new int[][]{{48, 432}, {432, 48}, {48, 60}}) {
            float[][] w = graded(shape[0], shape[1], shape[0] * 3L + shape[1]);
            INDArray[] ref = gesvd(w, true);
            Svd.Decomposition d = Svd.top(w, 8);
            for (int t = 0; t < 8; t++) {
                double du = 0;
                for (int i = 0; i < shape[0]; i++) {
                    du += d.u()[t][i] * ref[1].getDouble(i, t);
                }
                double dv = 0;
                for (int j = 0; j < shape[1]; j++) {
                    dv += d.v()[t][j] * ref[2].getDouble(t, j);
                }
                assertThat(Math.abs(du)).as("|⟨u_%d, u_ref⟩| %dx%d", t, shape[0], shape[1]).isCloseTo(1, within(1e-8));
                assertThat(Math.abs(dv)).as("|⟨v_%d, v_ref⟩| %dx%d", t, shape[0], shape[1]).isCloseTo(1, within(1e-8));
            }
        }
    }
}
