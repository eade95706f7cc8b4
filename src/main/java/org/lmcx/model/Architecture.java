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

    /** True if the network contains batch norm layers (and so supports resetting BN statistics). */
    public boolean hasBatchNorm() {
        return !flatLayers().stream().filter(l -> l instanceof Layer.BatchNorm).toList().isEmpty();
    }

    /** All layers depth-first, residual branches inlined (main before shortcut). */
    public List<Layer> flatLayers() {
        List<Layer> out = new ArrayList<>();
        flatten(layers, out);
        return out;
    }

    private static void flatten(List<Layer> ls, List<Layer> out) {
        for (Layer l : ls) {
            if (l instanceof Layer.Residual r) {
                flatten(r.main(), out);
                flatten(r.shortcut(), out);
            } else {
                out.add(l);
            }
        }
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
            s = step(l, s, shapes);
        }
        return s;
    }

    private static int[] step(Layer l, int[] s, Map<String, int[]> shapes) {
        if (l instanceof Layer.Dense d) {
            require(s.length == 1 && s[0] == d.in(), l, s, "expects a vector of " + d.in());
            shapes.put(d.weight(), new int[]{d.out(), d.in()});
            if (d.bias() != null) {
                shapes.put(d.bias(), new int[]{d.out()});
            }
            return new int[]{d.out()};
        } else if (l instanceof Layer.Conv2d c) {
            require(s.length == 3 && s[0] == c.in(), l, s, "expects " + c.in() + " channels");
            shapes.put(c.weight(), new int[]{c.out(), c.in(), c.kernel(), c.kernel()});
            if (c.bias() != null) {
                shapes.put(c.bias(), new int[]{c.out()});
            }
            int h = (s[1] + 2 * c.padding() - c.kernel()) / c.stride() + 1;
            int w = (s[2] + 2 * c.padding() - c.kernel()) / c.stride() + 1;
            require(h > 0 && w > 0, l, s, "leaves no output pixels");
            return new int[]{c.out(), h, w};
        } else if (l instanceof Layer.BatchNorm b) {
            require(s[0] == b.channels(), l, s, "expects " + b.channels() + " channels");
            int[] v = {b.channels()};
            shapes.put(b.weight(), v);
            shapes.put(b.bias(), v);
            shapes.put(b.runningMean(), v);
            shapes.put(b.runningVar(), v);
            return s;
        } else if (l instanceof Layer.MaxPool p) {
            return pool(l, s, p.kernel(), p.stride());
        } else if (l instanceof Layer.AvgPool p) {
            return pool(l, s, p.kernel(), p.stride());
        } else if (l instanceof Layer.GlobalAvgPool) {
            require(s.length == 3, l, s, "needs a [C,H,W] input");
            return new int[]{s[0], 1, 1};
        } else if (l instanceof Layer.Flatten) {
            return new int[]{(int) Tensor.elementCount(s)};
        } else if (l instanceof Layer.Relu) {
            return s;
        } else if (l instanceof Layer.Residual r) {
            int[] main = walk(r.main(), s, shapes);
            int[] sc = walk(r.shortcut(), s, shapes);
            require(Arrays.equals(main, sc), l, s, "adds branches of shapes " + Arrays.toString(main)
                    + " and " + Arrays.toString(sc));
            return main;
        }
        throw new IllegalStateException("unknown layer " + l);
    }

    private static int[] pool(Layer l, int[] s, int k, int stride) {
        require(s.length == 3, l, s, "needs a [C,H,W] input");
        int h = (s[1] - k) / stride + 1;
        int w = (s[2] - k) / stride + 1;
        require(h > 0 && w > 0, l, s, "leaves no output pixels");
        return new int[]{s[0], h, w};
    }

    private static void require(boolean ok, Layer l, int[] s, String what) {
        if (!ok) {
            throw new IllegalArgumentException("layer " + l + " " + what + " but gets " + Arrays.toString(s));
        }
    }

    /** Number of trainable scalars (BN running statistics excluded). */
    public long parameterCount() {
        long n = 0;
        for (Layer l : flatLayers()) {
            if (l instanceof Layer.Dense d) {
                n += (long) d.in() * d.out() + (d.bias() != null ? d.out() : 0);
            } else if (l instanceof Layer.Conv2d c) {
                n += (long) c.out() * c.in() * c.kernel() * c.kernel() + (c.bias() != null ? c.out() : 0);
            } else if (l instanceof Layer.BatchNorm b) {
                n += 2L * b.channels();
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
