package org.lmcx.model;

import java.util.List;

/**
 * The primitives a network is built from, as the engines implement them: {@code nn}'s DL4J graph builder and its
 * fast forward each implement this interface once, and every {@link Layer} lowers itself onto it. Parameters are
 * named by state_dict key; the engine binds them. Calls come in network order; each acts on the output of the
 * previous one.
 */
public interface Lowering {

    enum Pool { MAX, AVG }

    /** {@code y = x Wᵀ + b}; {@code bias} may be null. */
    void dense(String weight, String bias, int in, int out);

    /** Cross-correlation, OIHW weights, square kernel, zero padding; {@code bias} may be null. */
    void conv2d(String weight, String bias, int in, int out, int kernel, int stride, int padding);

    /** Per-channel batch norm with running statistics (PyTorch's biased {@code running_var}). */
    void batchNorm(String weight, String bias, String runningMean, String runningVar, int channels, double eps);

    void relu();

    /** Window pooling without padding. */
    void pool(Pool kind, int kernel, int stride);

    /** {@code [C,H,W] → [C,1,1]}. */
    void globalAvgPool();

    /** Channel-major flatten to a vector. */
    void flatten();

    /** {@code main(x) + shortcut(x)}; the engine lowers both branches' layers itself. */
    void residual(List<Layer> main, List<Layer> shortcut);
}
