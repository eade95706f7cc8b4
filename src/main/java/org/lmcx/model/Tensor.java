package org.lmcx.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named model's float tensor in row-major (C) order. Every checkpoint dtype is widened or narrowed to
 * {@code float} on load; {@link #storedType()} remembers what the file held so a writer can round-trip
 * integer bookkeeping tensors such as {@code num_batches_tracked}.
 *
 * <p>Immutable by contract: {@link #data()} exposes the backing array without a copy because tensors of
 * millions of floats are read in hot loops (interpolation, matching costs). Nobody writes into it; code
 * that needs a modified tensor builds a new one.
 */
public final class Tensor {

    /** The element type a checkpoint stored; all values are held as float regardless. */
    public enum StoredType {
        F32, F64, F16, BF16, I64, I32, I16, I8, U8, BOOL;

        public boolean isFloating() {
            return this == F32 || this == F64 || this == F16 || this == BF16;
        }
    }

    private final int[] shape;
    private final float[] data;
    private final StoredType storedType;

    public Tensor(int[] shape, float[] data, StoredType storedType) {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        long n = elementCount(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " elements but data has " + data.length);
        }
        this.shape = shape.clone();
        this.data = data;
        this.storedType = Objects.requireNonNull(storedType, "storedType");
    }

    public Tensor(int[] shape, float[] data) {
        this(shape, data, StoredType.F32);
    }

    public static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return data.length;
    }

    /** The backing array; read only (see class comment). */
    public float[] data() {
        return data;
    }

    public StoredType storedType() {
        return storedType;
    }

    public boolean isFloating() {
        return storedType.isFloating();
    }

    /** Index of the first NaN or infinite value, or -1 if all are finite. */
    public int firstNonFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                return i;
            }
        }
        return -1;
    }

    public Tensor withData(float[] newData) {
        return new Tensor(shape, newData, storedType);
    }

    public Tensor reshape(int... newShape) {
        return new Tensor(newShape, data, storedType);
    }

    public double sumOfSquares() {
        double s = 0;
        for (float v : data) {
            s += (double) v * v;
        }
        return s;
    }

    /**
     * Reorders one axis: {@code out[.., i, ..] = this[.., perm[i], ..]}. With a non-null {@code view} the
     * tensor is first seen in that shape (same element count, row-major), which is how a dense layer
     * after a flatten is permuted by the convolution channels that feed it.
     */
    public Tensor permuteAxis(int axis, int[] perm, int[] view) {
        AxisLayout l = layout(axis, view);
        if (l.n != perm.length) {
            throw new IllegalArgumentException("permutation of size " + perm.length + " on axis " + axis
                    + " of length " + l.n);
        }
        int outer = l.outer;
        int inner = l.inner;
        int n = l.n;
        float[] out = new float[data.length];
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            for (int i = 0; i < n; i++) {
                System.arraycopy(data, base + perm[i] * inner, out, base + i * inner, inner);
            }
        }
        return new Tensor(shape, out, storedType);
    }

    /**
     * The tensor as a matrix {@code [shape[axis], rest]}: the given axis (of {@code view}, if any) first,
     * all others flattened in order. This is the layout the matching cost and the SVD use.
     */
    public float[][] axisMatrix(int axis, int[] view) {
        AxisLayout l = layout(axis, view);
        int outer = l.outer;
        int inner = l.inner;
        int n = l.n;
        float[][] m = new float[n][outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(data, (o * n + i) * inner, m[i], o * inner, inner);
            }
        }
        return m;
    }

    /** Row-major data seen as {@code [outer, n, inner]} around one axis. */
    private record AxisLayout(int outer, int n, int inner) {
    }

    private AxisLayout layout(int axis, int[] view) {
        int[] s = view == null ? shape : view;
        if (elementCount(s) != data.length) {
            throw new IllegalArgumentException("view " + Arrays.toString(view) + " does not fit shape "
                    + Arrays.toString(shape));
        }
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= s[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < s.length; i++) {
            inner *= s[i];
        }
        return new AxisLayout(outer, s[axis], inner);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return storedType + Arrays.toString(shape);
    }
}
