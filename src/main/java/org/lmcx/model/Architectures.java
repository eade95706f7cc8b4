package org.lmcx.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Expands descriptors into layers. Key naming follows the most common PyTorch implementations:
 * <ul>
 *   <li>{@code mlp}: {@code Flatten} (if the input is an image), then Linear layers named by {@code keys}
 *       (default {@code fc1 … fcN}), ReLU between them.</li>
 *   <li>{@code vgg11}/{@code vgg16}: kuangliu/pytorch-cifar — {@code features.<i>} for the i-th module of the
 *       feature {@code nn.Sequential} (Conv2d 3×3 pad 1 with bias, optional BatchNorm2d, ReLU, MaxPool2d(2)),
 *       then {@code classifier} = Linear(512·w, classes). Needs a 32×32 input.</li>
 *   <li>{@code resnet20}: the CIFAR ResNet of He et al. with option-B (1×1 conv + BN) shortcuts as in
 *       kuangliu's BasicBlock: {@code conv1}, {@code bn1}, {@code layer{1,2,3}.{0,1,2}.{conv1,bn1,conv2,bn2}},
 *       {@code layerS.0.shortcut.{0,1}} where the shape changes, {@code linear}. Widths 16w, 32w, 64w;
 *       convolutions have no bias.</li>
 * </ul>
 */
public final class Architectures {

    public static final double DEFAULT_BN_EPS = 1e-5;

    private static final int[] VGG11 = {64, -1, 128, -1, 256, 256, -1, 512, 512, -1, 512, 512, -1};
    private static final int[] VGG16 = {64, 64, -1, 128, 128, -1, 256, 256, 256, -1, 512, 512, 512, -1, 512, 512,
            512, -1};

    private Architectures() {
    }

    /** Builds without tensors: every size must be given by the descriptor. */
    public static Architecture build(ArchitectureDescriptor d) {
        return build(d, null);
    }

    /**
     * Builds the architecture. {@code tensorShapes} (may be null) lets a sequential descriptor leave sizes
     * out and tells whether optional biases exist.
     */
    public static Architecture build(ArchitectureDescriptor d, Map<String, int[]> tensorShapes) {
        if (d.family() == null) {
            throw new IllegalArgumentException("descriptor has no \"family\"");
        }
        if (d.input() == null) {
            throw new IllegalArgumentException("descriptor has no \"input\" shape");
        }
        String family = d.family().toLowerCase(Locale.ROOT);
        return switch (family) {
            case "mlp" -> mlp(d, tensorShapes);
            case "vgg11" -> vgg(d, VGG11);
            case "vgg16" -> vgg(d, VGG16);
            case "resnet20" -> resnet20(d);
            case "sequential" -> sequential(d, tensorShapes);
            default -> throw new IllegalArgumentException("unknown family \"" + d.family()
                    + "\" (expected mlp, vgg11, vgg16, resnet20 or sequential)");
        };
    }

    private static int classes(ArchitectureDescriptor d) {
        if (d.classes() == null || d.classes() < 1) {
            throw new IllegalArgumentException(d.family() + " descriptor needs \"classes\" ≥ 1");
        }
        return d.classes();
    }

    private static Architecture mlp(ArchitectureDescriptor d, Map<String, int[]> shapes) {
        int[] widths = d.widths() == null ? new int[0] : d.widths();
        int classes = classes(d);
        int n = widths.length + 1;
        List<String> keys = d.keys();
        if (keys == null) {
            keys = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                keys.add("fc" + i);
            }
        }
        if (keys.size() != n) {
            throw new IllegalArgumentException("mlp with " + widths.length + " hidden widths needs " + n
                    + " keys, got " + keys.size());
        }
        List<Layer> layers = new ArrayList<>();
        if (d.input().length == 3) {
            layers.add(new Layer.Flatten());
        }
        int in = (int) Tensor.elementCount(d.input());
        for (int i = 0; i < n; i++) {
            int out = i < widths.length ? widths[i] : classes;
            String k = keys.get(i);
            layers.add(new Layer.Dense(k + ".weight", optional(k + ".bias", shapes), in, out));
            if (i < widths.length) {
                layers.add(new Layer.Relu());
            }
            in = out;
        }
        return new Architecture("mlp" + Arrays.toString(widths).replace(" ", ""), d.input(), classes, layers, d);
    }

    private static String optional(String key, Map<String, int[]> shapes) {
        return shapes == null || shapes.containsKey(key) ? key : null;
    }

    private static int scaled(int c, Double mult) {
        double m = mult == null ? 1.0 : mult;
        if (!(m > 0)) {
            throw new IllegalArgumentException("widthMultiplier must be > 0, got " + mult);
        }
        return Math.max(1, (int) Math.round(c * m));
    }

    private static Architecture vgg(ArchitectureDescriptor d, int[] cfg) {
        int classes = classes(d);
        boolean bn = Boolean.TRUE.equals(d.batchNorm());
        List<Layer> layers = new ArrayList<>();
        int in = d.input()[0];
        int idx = 0;
        for (int c : cfg) {
            if (c < 0) {
                layers.add(new Layer.MaxPool(2, 2));
                idx++;
                continue;
            }
            int out = scaled(c, d.widthMultiplier());
            String k = "features." + idx++;
            layers.add(new Layer.Conv2d(k + ".weight", k + ".bias", in, out, 3, 1, 1));
            if (bn) {
                String b = "features." + idx++;
                layers.add(batchNorm(b, out));
            }
            layers.add(new Layer.Relu());
            idx++;
            in = out;
        }
        layers.add(new Layer.Flatten());
        layers.add(new Layer.Dense("classifier.weight", "classifier.bias", in, classes));
        String name = d.family().toLowerCase(Locale.ROOT) + (bn ? "_bn" : "") + multSuffix(d.widthMultiplier());
        return new Architecture(name, d.input(), classes, layers, d);
    }

    private static String multSuffix(Double m) {
        if (m == null || m == 1.0) {
            return "";
        }
        return "x" + (m == Math.rint(m) ? String.valueOf(m.intValue()) : String.valueOf(m));
    }

    private static Layer.BatchNorm batchNorm(String key, int channels) {
        return new Layer.BatchNorm(key + ".weight", key + ".bias", key + ".running_mean", key + ".running_var",
                channels, DEFAULT_BN_EPS);
    }

    private static Architecture resnet20(ArchitectureDescriptor d) {
        int classes = classes(d);
        List<Layer> layers = new ArrayList<>();
        int w = scaled(16, d.widthMultiplier());
        layers.add(new Layer.Conv2d("conv1.weight", null, d.input()[0], w, 3, 1, 1));
        layers.add(batchNorm("bn1", w));
        layers.add(new Layer.Relu());
        int in = w;
        int[] planes = {scaled(16, d.widthMultiplier()), scaled(32, d.widthMultiplier()),
                scaled(64, d.widthMultiplier())};
        int[] strides = {1, 2, 2};
        for (int s = 0; s < 3; s++) {
            for (int b = 0; b < 3; b++) {
                String p = "layer" + (s + 1) + "." + b + ".";
                int stride = b == 0 ? strides[s] : 1;
                int out = planes[s];
                List<Layer> main = List.of(
                        new Layer.Conv2d(p + "conv1.weight", null, in, out, 3, stride, 1),
                        batchNorm(p + "bn1", out),
                        new Layer.Relu(),
                        new Layer.Conv2d(p + "conv2.weight", null, out, out, 3, 1, 1),
                        batchNorm(p + "bn2", out));
                List<Layer> shortcut = stride != 1 || in != out
                        ? List.of(new Layer.Conv2d(p + "shortcut.0.weight", null, in, out, 1, stride, 0),
                        batchNorm(p + "shortcut.1", out))
                        : List.of();
                layers.add(new Layer.Residual(main, shortcut));
                layers.add(new Layer.Relu());
                in = out;
            }
        }
        layers.add(new Layer.GlobalAvgPool());
        layers.add(new Layer.Flatten());
        layers.add(new Layer.Dense("linear.weight", "linear.bias", in, classes));
        return new Architecture("resnet20" + multSuffix(d.widthMultiplier()), d.input(), classes, layers, d);
    }

    private static Architecture sequential(ArchitectureDescriptor d, Map<String, int[]> shapes) {
        if (d.layers() == null || d.layers().isEmpty()) {
            throw new IllegalArgumentException("sequential descriptor has no \"layers\"");
        }
        List<Layer> layers = LayerArgs.read(d.layers(), shapes);
        int[] out = Architecture.walk(layers, d.input(), new java.util.LinkedHashMap<>());
        if (out.length != 1) {
            throw new IllegalArgumentException("sequential network ends in shape " + Arrays.toString(out)
                    + ", not a vector of logits (add a flatten and a dense layer)");
        }
        return new Architecture("sequential", d.input(), out[0], layers, d);
    }

}
