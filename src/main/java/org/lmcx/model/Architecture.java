package org.lmcx.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a state_dict's tensors form a network: an input shape ({@code [C,H,W]} or {@code [D]}), a list of
 * {@link Layer}s and the descriptor it came from. Families (MLP, VGG, ResNet20) are expanded into layers
 * by {@link Architectures}, so everything downstream (permutation specs, the DL4J network, spectra) only
 * ever walks layers.
 *
 * @param name           human-readable name, e.g. {@code "mlp[512,512]"} or {@code "resnet20x4"}
 * @param inputShape     one example's shape without the batch axis
 * @param numClasses     width of the output logits
 * @param layers         the network, in order
 * @param descriptor     the descriptor that reproduces this architecture (written next to saved models)
 */
public record Architecture(String name, int[] inputShape, int numClasses, List<Layer> layers,
                           ArchitectureDescriptor descriptor) {

    public Architecture {
        Objects.requireNonNull(name, "name");
        inputShape = inputShape.clone();
        layers = List.copyOf(layers);
        if (inputShape.length != 1 && inputShape.length != 3) {
            throw new UserInputException("input shape must be [C,H,W] or [D], got " + Arrays.toString(inputShape));
        }
        requireSizes(inputShape, layers);
    }

    /** Far above real networks (ResNet-152 has ~500 layers with its BN and ReLU), far below what hangs. */
    public static final int MAX_LAYERS = 2048;
    /** One example's values: 2^28 floats is 1 GB per example. */
    public static final long MAX_EXAMPLE_VALUES = 1L << 28;

    /**
     * Sizes that would overflow int arithmetic downstream (a {@code [16,7,268435463]} input wraps to 784) or
     * make building the network hang are refused before anything is allocated.
     */
    private static void requireSizes(int[] input, List<Layer> layers) {
        long values = 1;
        for (int d : input) {
            if (d < 1) {
                throw new UserInputException("input shape " + Arrays.toString(input) + " has a dimension < 1");
            }
            values = MemoryBudget.multiply(values, d);
        }
        if (values > MAX_EXAMPLE_VALUES) {
            throw new UserInputException("input shape " + Arrays.toString(input) + " has "
                    + (values == Long.MAX_VALUE ? "more than 2^63" : String.valueOf(values))
                    + " values per example (limit " + MAX_EXAMPLE_VALUES + ")");
        }
        List<Layer> flat = new ArrayList<>();
        flatten(layers, flat);
        if (flat.size() > MAX_LAYERS) {
            throw new UserInputException("the network has " + flat.size() + " layers (limit " + MAX_LAYERS + ")");
        }
    }

    /**
     * The most values one example's activation takes after any top-level layer (input included): with the
     * parameter count, what {@link MemoryBudget} needs to judge whether a network can be evaluated at all.
     */
    public long largestActivation() {
        int[] s = inputShape.clone();
        long max = Tensor.elementCount(s);
        for (Layer l : layers) {
            s = l.outputShape(s);
            long n = 1;
            for (int d : s) {
                n = MemoryBudget.multiply(n, d);
            }
            max = Math.max(max, n);
        }
        return max;
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    public int inputSize() {
        return (int) Tensor.elementCount(inputShape);
    }

    /** True if the network keeps running statistics (batch norm), which BN reset can recompute. */
    public boolean hasBatchNorm() {
        return flatLayers().stream().flatMap(l -> l.parameters().stream()).anyMatch(p -> !p.trainable());
    }

    /** All layers depth-first, branches inlined (a residual's main before its shortcut). */
    public List<Layer> flatLayers() {
        List<Layer> out = new ArrayList<>();
        flatten(layers, out);
        return out;
    }

    private static void flatten(List<Layer> ls, List<Layer> out) {
        for (Layer l : ls) {
            if (l.branches().isEmpty()) {
                out.add(l);
            }
            for (List<Layer> branch : l.branches()) {
                flatten(branch, out);
            }
        }
    }

    /** The layer producing the logits: the last top-level layer that can (a dense layer); null if none. */
    public Layer logitsLayer() {
        Layer last = null;
        for (Layer l : layers) {
            if (l.producesLogits()) {
                last = l;
            }
        }
        return last;
    }

    /**
     * The shape every parameter tensor must have, keyed by state_dict name, in network order. Walks the
     * layers with the activation shape so a descriptor that does not fit itself (a dense layer whose input
     * width disagrees with the flattened convolution output, say) fails here with a message.
     */
    public Map<String, int[]> parameterShapes() {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        int[] out = walk(layers, inputShape, shapes);
        if (out.length != 1 || out[0] != numClasses) {
            throw new IllegalArgumentException(name + ": network output " + Arrays.toString(out)
                    + " is not the " + numClasses + " class logits");
        }
        return Collections.unmodifiableMap(shapes);
    }

    /** Output shape of the given layers applied to {@code in}, collecting parameter shapes. */
    static int[] walk(List<Layer> ls, int[] in, Map<String, int[]> shapes) {
        int[] s = in.clone();
        for (Layer l : ls) {
            s = l.outputShape(s);
            for (Layer.Param p : l.parameters()) {
                // Two layers on one tensor would share (and be permuted as) one set of weights: never meant.
                if (shapes.put(p.key(), p.shape()) != null) {
                    throw new UserInputException("tensor \"" + p.key() + "\" is used by two layers");
                }
            }
        }
        return s;
    }

    /** Number of trainable scalars (BN running statistics excluded). */
    public long parameterCount() {
        long n = 0;
        for (Layer l : layers) {
            for (Layer.Param p : l.parameters()) {
                n += p.trainable() ? p.size() : 0;
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && Arrays.equals(inputShape, a.inputShape)
                && numClasses == a.numClasses && layers.equals(a.layers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(inputShape), numClasses, layers);
    }

    @Override
    public String toString() {
        return name;
    }
}
