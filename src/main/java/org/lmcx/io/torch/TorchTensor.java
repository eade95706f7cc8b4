package org.lmcx.io.torch;

import java.util.Arrays;

/**
 * A tensor as torch._utils._rebuild_tensor_v2 describes it: a strided view into a storage. The geometry
 * is validated when the pickle builds it (so a bad view fails with the pickle offset in the message);
 * the data is gathered later, only for the tensors the caller selected.
 */
final class TorchTensor {

    final TorchStorage storage;
    final long offset;
    final int[] shape;
    final long[] stride;
    final int numel;

    TorchTensor(TorchStorage storage, long offset, int[] shape, long[] stride, int maxElements) {
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        this.stride = stride;
        long n = 1;
        long last = offset;
        try {
            for (int d = 0; d < shape.length; d++) {
                n = Math.multiplyExact(n, shape[d]);
                if (shape[d] > 0) {
                    last = Math.addExact(last, Math.multiplyExact(shape[d] - 1L, stride[d]));
                }
            }
        } catch (ArithmeticException e) {
            throw new TorchFormatException("tensor view " + Arrays.toString(shape) + " with strides "
                    + Arrays.toString(stride) + " overflows");
        }
        if (n > maxElements) {
            throw new TorchFormatException("tensor of shape " + Arrays.toString(shape) + " has " + n
                    + " elements, more than the " + maxElements + " a Java array holds");
        }
        // An empty view touches nothing, so only non-empty views must fit inside the storage.
        if (n > 0 && last >= storage.numel()) {
            throw new TorchFormatException("tensor of shape " + Arrays.toString(shape) + ", strides "
                    + Arrays.toString(stride) + ", offset " + offset + " reads element " + last + " of storage "
                    + TorchFormatException.quote(storage.key()) + ", which holds only " + storage.numel()
                    + " " + storage.type() + " elements");
        }
        this.numel = (int) n;
    }

    /** True if the view is the storage's elements [offset, offset+numel) in row-major order. */
    boolean isContiguous() {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /** Gathers the view out of the decoded storage into a fresh row-major array. */
    float[] gather(float[] src) {
        float[] out = new float[numel];
        if (numel == 0) {
            return out;
        }
        if (isContiguous()) {
            System.arraycopy(src, (int) offset, out, 0, numel);
            return out;
        }
        int rank = shape.length;
        int[] idx = new int[rank];
        long p = offset;
        for (int i = 0; i < numel; i++) {
            out[i] = src[(int) p];
            for (int d = rank - 1; d >= 0; d--) {
                p += stride[d];
                if (++idx[d] < shape[d]) {
                    break;
                }
                p -= stride[d] * shape[d];
                idx[d] = 0;
            }
        }
        return out;
    }
}
