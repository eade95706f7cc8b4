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
            throw new IllegalArgumentException("input shape must be [C,H,W] or [D], got " + Arrays.toString(inputShape));
        }
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
                shapes.put(p.key(), p.shape());
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
