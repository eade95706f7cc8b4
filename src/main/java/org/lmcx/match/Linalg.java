package org.lmcx.match;

import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Dense double matrix products on row-major arrays for the matchers' cost matrices. Large products go to
 * OpenBLAS's gemm, called on the Java arrays themselves (the binding ND4J's CPU backend ships, as
 * {@code analysis.Svd} uses for LAPACK): going through ND4J meant copying every operand into a DataBuffer
 * element by element and the result out again, a sixth of weight matching's time on the demo pair. Small
 * products stay in Java, where they finish before a native call (and its thread pool waking up) would: a
 * ResNet20 ×0.25 has dozens of 4×4 to 16×144 products per sweep.
 */
final class Linalg {

    /** Multiply–adds above which BLAS wins over the Java loop even counting the copies in and out. */
    static final long BLAS_THRESHOLD = 1L << 22;

    private Linalg() {
    }

    /** {@code A·Bᵀ} for {@code A [m,k]}, {@code B [n,k]}: the cost layout (rows of both are units). */
    static double[] mulABt(double[] a, int m, int k, double[] b, int n) {
        return mulABt(a, m, k, b, n, DataType.DOUBLE);
    }

    /** As above; {@code blasType} FLOAT halves the BLAS time where rounding to float is harmless. */
    static double[] mulABt(double[] a, int m, int k, double[] b, int n, DataType blasType) {
        org.lmcx.task.ComputeThreadGuard.check("Linalg.mulABt");
        if ((long) m * n * k >= BLAS_THRESHOLD) {
            return gemm(a, b, m, n, k, true, blasType);
        }
        // Transposing B turns the inner loop into an axpy, which the JIT vectorizes (a dot product it won't).
        return javaMulAB(a, m, k, transpose(b, n, k), n);
    }

    /** {@code A·B} for {@code A [m,k]}, {@code B [k,n]}. */
    static double[] mulAB(double[] a, int m, int k, double[] b, int n) {
        return mulAB(a, m, k, b, n, DataType.DOUBLE);
    }

    static double[] mulAB(double[] a, int m, int k, double[] b, int n, DataType blasType) {
        org.lmcx.task.ComputeThreadGuard.check("Linalg.mulAB");
        if ((long) m * n * k >= BLAS_THRESHOLD) {
            return gemm(a, b, m, n, k, false, blasType);
        }
        return javaMulAB(a, m, k, b, n);
    }

    /** {@code A·B} or {@code A·Bᵀ} by cblas gemm, row-major; FLOAT rounds the operands to float first. */
    private static double[] gemm(double[] a, double[] b, int m, int n, int k, boolean transposeB,
                                 DataType blasType) {
        int transB = transposeB ? openblas.CblasTrans : openblas.CblasNoTrans;
        int ldb = transposeB ? k : n;
        if (blasType == DataType.FLOAT) {
            float[] c = new float[m * n];
            openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, transB, m, n, k, 1f, toFloat(a), k,
                    toFloat(b), ldb, 0f, c, n);
            double[] d = new double[c.length];
            for (int i = 0; i < c.length; i++) {
                d[i] = c[i];
            }
            return d;
        }
        double[] c = new double[m * n];
        openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, transB, m, n, k, 1, a, k, b, ldb, 0, c, n);
        return c;
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    /** The Java loop for small products: row by row, skipping zero entries of A. */
    private static double[] javaMulAB(double[] a, int m, int k, double[] b, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            int ai = i * k;
            for (int p = 0; p < k; p++) {
                double x = a[ai + p];
                if (x != 0) {
                    int bp = p * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += x * b[bp + j];
                    }
                }
            }
        }
        return c;
    }

    static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) {
            int off = i * cols;
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[off + j];
            }
        }
        return t;
    }

    /** The tensor (row-major, seen as {@code shape}) as {@code [shape[axis], rest]}, rest in Tensor.axisMatrix order. */
    static double[] axisMatrix(double[] t, int[] shape, int axis) {
        int[] l = layout(shape, axis);
        int outer = l[0];
        int n = l[1];
        int inner = l[2];
        if (outer == 1) {
            return t.clone();
        }
        int rest = outer * inner;
        double[] m = new double[t.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(t, (o * n + i) * inner, m, i * rest + o * inner, inner);
            }
        }
        return m;
    }

    /** {outer, n, inner}: the row-major tensor seen as {@code [outer, shape[axis], inner]}. */
    private static int[] layout(int[] shape, int axis) {
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= shape[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        return new int[]{outer, shape[axis], inner};
    }

    /** Inverse of {@link #axisMatrix}. */
    static double[] fromAxisMatrix(double[] m, int[] shape, int axis) {
        int[] l = layout(shape, axis);
        int outer = l[0];
        int n = l[1];
        int inner = l[2];
        if (outer == 1) {
            return m.clone();
        }
        int rest = outer * inner;
        double[] t = new double[m.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(m, i * rest + o * inner, t, (o * n + i) * inner, inner);
            }
        }
        return t;
    }

    /** {@code out[.., i, ..] = Σ_j S[i][j] · t[.., j, ..]} on {@code axis} of {@code t} seen as {@code shape}. */
    static double[] modeProduct(double[] t, int[] shape, int axis, double[] s, DataType blasType) {
        int n = shape[axis];
        int rest = t.length / Math.max(1, n);
        double[] m = axisMatrix(t, shape, axis);
        return fromAxisMatrix(mulAB(s, n, n, m, rest, blasType), shape, axis);
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }
}
