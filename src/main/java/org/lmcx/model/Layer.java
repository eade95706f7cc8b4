package org.lmcx.model;

import java.util.List;

/**
 * One operation of a network, naming the state_dict keys of its parameters. Built-in families expand
 * into these; custom descriptors list them directly. Shapes follow PyTorch: dense weights {@code [out,in]},
 * convolutions OIHW, activations NCHW.
 */
public sealed interface Layer {

    /** {@code y = x Wᵀ + b}; {@code bias} may be null. */
    record Dense(String weight, String bias, int in, int out) implements Layer {
    }

    /** Cross-correlation with zero padding, square kernel; {@code bias} may be null. */
    record Conv2d(String weight, String bias, int in, int out, int kernel, int stride, int padding)
            implements Layer {
    }

    /** Eval-mode batch norm: {@code (x − mean) / sqrt(var + eps) · weight + bias}, var biased as PyTorch keeps it. */
    record BatchNorm(String weight, String bias, String runningMean, String runningVar, int channels, double eps)
            implements Layer {
    }

    record Relu() implements Layer {
    }

    record MaxPool(int kernel, int stride) implements Layer {
    }

    record AvgPool(int kernel, int stride) implements Layer {
    }

    /** Average over all spatial positions: {@code [C,H,W] → [C,1,1]} (PyTorch's AdaptiveAvgPool2d(1)). */
    record GlobalAvgPool() implements Layer {
    }

    /** Channel-major flatten: {@code index = c·H·W + h·W + w}, as PyTorch's Flatten on NCHW. */
    record Flatten() implements Layer {
    }

    /**
     * {@code main(x) + shortcut(x)}; an empty shortcut is the identity. ReLU after the sum, if any, is a
     * separate layer that follows.
     */
    record Residual(List<Layer> main, List<Layer> shortcut) implements Layer {
        public Residual {
            main = List.copyOf(main);
            shortcut = List.copyOf(shortcut);
        }
    }
}
