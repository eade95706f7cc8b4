package org.lmcx.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model's parameters flattened in the DL4J network's own order, ready to be copied (or interpolated) into
 * the network without any per-tensor work. Stays inside the numeric core; never handed to the UI.
 */
public final class ParamVector {

    final INDArray flat;

    ParamVector(INDArray flat) {
        this.flat = flat;
    }

    public long length() {
        return flat.length();
    }

    /** A copy as a float array (for tests and for writing). */
    public float[] toFloatArray() {
        return flat.toFloatVector();
    }
}
