package org.lmcx.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.lmcx.io.Dl4jConfig.Step;
import org.lmcx.model.ArchitectureDescriptor.LayerDescriptor;
import org.lmcx.model.InvalidModelException;
import org.lmcx.model.MemoryBudget;
import org.lmcx.model.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/**
 * The DL4J layer types LMC Explorer understands, from their JSON configuration: how many parameters each
 * takes from the flat vector (in DL4J's order) and which descriptor layers and PyTorch-layout tensors it
 * becomes. Supported: DenseLayer, OutputLayer, ConvolutionLayer, BatchNormalization, SubsamplingLayer,
 * ActivationLayer, DropoutLayer.
 */
final class Dl4jLayers {

    private static final String SUPPORTED = "(supported: DenseLayer, OutputLayer, ConvolutionLayer, "
            + "BatchNormalization, SubsamplingLayer, ActivationLayer, DropoutLayer)";

    private Dl4jLayers() {
    }

    /** Parameters the layer holds in the flat vector, from its configuration alone. */
    static long paramCount(Step s, String where) {
        JsonNode l = s.layer();
        return switch (s.type()) {
            case "DenseLayer", "OutputLayer" -> {
                if (l.path("hasLayerNorm").asBoolean(false)) {
                    throw new InvalidModelException(where + ": layer normalization is not supported");
                }
                long nIn = Dl4jModelReader.positive(l, "nin", where);
                long nOut = Dl4jModelReader.positive(l, "nout", where);
                yield MemoryBudget.add(MemoryBudget.multiply(nIn, nOut), hasBias(l) ? nOut : 0);
            }
            case "ConvolutionLayer" -> {
                long nIn = Dl4jModelReader.positive(l, "nin", where);
                long nOut = Dl4jModelReader.positive(l, "nout", where);
                int k = Dl4jModelReader.square(l, "kernelSize", 1, 1, "kernel", where);
                yield MemoryBudget.add(MemoryBudget.multiply(nOut, nIn, k, k), hasBias(l) ? nOut : 0);
            }
            case "BatchNormalization" -> {
                long n = Dl4jModelReader.positive(l, "nout", where);
                yield MemoryBudget.multiply(n, l.path("lockGammaBeta").asBoolean(false) ? 2 : 4);
            }
            case "SubsamplingLayer", "ActivationLayer", "DropoutLayer" -> 0;
            default -> throw new InvalidModelException(where + ": layer type " + s.type() + " is not supported "
                    + SUPPORTED);
        };
    }

    private static boolean hasBias(JsonNode l) {
        return l.path("hasBias").asBoolean(true);
    }

    static Dl4jModelReader.Result convert(List<Step> steps, long[] counts, float[] params, String name) {
        List<LayerDescriptor> layers = new ArrayList<>();
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        int[] offset = {0};
        int[] input = null;
        int flattenAt = -1;
        long[] flattenHw = null;
        int firstChannels = -1;
        boolean sawSpatial = false;
        int firstDenseIn = -1;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String where = name + ": " + s.what();
            String key = String.valueOf(i);
            boolean last = i == steps.size() - 1;
            int start = offset[0];
            JsonNode l = s.layer();
            if (s.pre() != null) {
                String pt = Dl4jConfig.preprocessorType(s.pre(), where);
                if (pt.equals("CnnToFeedForwardPreProcessor")) {
                    String format = s.pre().path("format").asText("NCHW");
                    if (!format.equals("NCHW")) {
                        throw new InvalidModelException(where + ": flattens " + format
                                + " activations; only NCHW (PyTorch's layout) is supported");
                    }
                    if (flattenAt < 0) {
                        flattenAt = layers.size();
                        flattenHw = new long[]{Dl4jModelReader.positive(s.pre(), "inputHeight", where),
                                Dl4jModelReader.positive(s.pre(), "inputWidth", where)};
                    }
                    layers.add(LayerDescriptor.of("flatten"));
                } else if (pt.equals("FeedForwardToCnnPreProcessor") && layers.isEmpty() && input == null) {
                    // The network takes flat vectors but reshapes them to images at once: it is an image model.
                    input = new int[]{Dl4jModelReader.positive(s.pre(), "numChannels", where),
                            Dl4jModelReader.positive(s.pre(), "inputHeight", where),
                            Dl4jModelReader.positive(s.pre(), "inputWidth", where)};
                } else {
                    throw new InvalidModelException(where + ": input preprocessor " + Dl4jConfig.simple(pt)
                            + " is not supported");
                }
            }
            switch (s.type()) {
                case "DenseLayer", "OutputLayer" -> {
                    int nIn = l.get("nin").asInt();
                    int nOut = l.get("nout").asInt();
                    if (firstDenseIn < 0 && !sawSpatial && flattenAt < 0) {
                        firstDenseIn = nIn;
                    }
                    // W is [nIn, nOut] in Fortran order: the same values as PyTorch's [out, in] in C order.
                    tensors.put(key + ".weight", Dl4jModelReader.slice(params, offset, nOut, nIn));
                    if (hasBias(l)) {
                        tensors.put(key + ".bias", Dl4jModelReader.slice(params, offset, nOut));
                    }
                    layers.add(LayerDescriptor.keyed("dense", key));
                    activation(l.get("activationFn"), last, where, layers);
                }
                case "ConvolutionLayer" -> {
                    layers.add(convDescriptor(l, key, where));
                    int nIn = l.get("nin").asInt();
                    int nOut = l.get("nout").asInt();
                    int k = Dl4jModelReader.square(l, "kernelSize", 1, 1, "kernel", where);
                    if (firstChannels < 0 && !sawSpatial) {
                        firstChannels = nIn;
                    }
                    sawSpatial = true;
                    // ConvolutionParamInitializer puts the bias first, then OIHW weights in C order.
                    Tensor bias = hasBias(l) ? Dl4jModelReader.slice(params, offset, nOut) : null;
                    tensors.put(key + ".weight", Dl4jModelReader.slice(params, offset, nOut, nIn, k, k));
                    if (bias != null) {
                        tensors.put(key + ".bias", bias);
                    }
                    activation(l.get("activationFn"), last, where, layers);
                }
                case "BatchNormalization" -> {
                    String format = l.path("cnn2DFormat").asText("NCHW");
                    if (!format.equals("NCHW")) {
                        throw new InvalidModelException(where + ": batch norm over " + format
                                + " activations; only NCHW is supported");
                    }
                    double eps = l.path("eps").asDouble(1e-5);
                    if (!(eps > 0) || !Double.isFinite(eps)) {
                        throw new InvalidModelException(where + ": batch norm eps " + eps + " must be > 0");
                    }
                    batchNorm(l, params, offset, key, eps, tensors);
                    layers.add(new LayerDescriptor("batchnorm", key, null, null, null, null, null, null, null, null,
                            null, eps, null, null));
                    // No activation: DL4J's BatchNormalization layer ignores its (inherited, often sigmoid) one.
                }
                case "SubsamplingLayer" -> {
                    layers.add(poolDescriptor(l, where));
                    sawSpatial = true;
                }
                case "ActivationLayer" -> activation(l.get("activationFn"), last, where, layers);
                case "DropoutLayer" -> {
                    // Dropout is the identity at inference time.
                }
                default -> throw new IllegalStateException("paramCount admitted " + s.type());
            }
            if (offset[0] - start != counts[i]) {
                throw new IllegalStateException(where + ": took " + (offset[0] - start) + " parameters, counted "
                        + counts[i]);
            }
        }
        if (layers.isEmpty()) {
            throw new InvalidModelException(name + ": the network has no layers");
        }
        if (input == null) {
            if (firstChannels > 0) {
                input = Dl4jModelReader.imageInput(layers, flattenAt, flattenHw, firstChannels, name);
            } else if (firstDenseIn > 0) {
                input = CheckpointLoader.guessInputShape(firstDenseIn);
                if (input.length == 3) {
                    layers.add(0, LayerDescriptor.of("flatten"));
                }
            } else {
                throw new InvalidModelException(name + ": cannot tell the network's input shape");
            }
        } else if (layers.get(0).type().equals("dense")) {
            layers.add(0, LayerDescriptor.of("flatten"));
        }
        return Dl4jModelReader.result(input, layers, tensors);
    }

    private static LayerDescriptor convDescriptor(JsonNode l, String key, String where) {
        String format = l.path("cnn2dDataFormat").asText("NCHW");
        if (!format.equals("NCHW")) {
            throw new InvalidModelException(where + ": uses " + format
                    + " activations; only NCHW (PyTorch's layout) is supported");
        }
        int k = Dl4jModelReader.square(l, "kernelSize", 1, 1, "kernel", where);
        int st = Dl4jModelReader.square(l, "stride", 1, 1, "stride", where);
        int padding = Dl4jModelReader.square(l, "padding", 0, 0, "padding", where);
        JsonNode dil = l.get("dilation");
        if (dil != null && dil.isArray() && (dil.path(0).asInt(1) != 1 || dil.path(1).asInt(1) != 1)) {
            throw new InvalidModelException(where + ": dilation " + dil + " is not supported");
        }
        String mode = l.path("convolutionMode").asText("Truncate");
        if (mode.equals("Same")) {
            // "Same" pads (k−1)/2 on each side when the stride is 1 and k is odd: that is symmetric padding.
            if (st != 1 || k % 2 == 0) {
                throw new InvalidModelException(where + ": ConvolutionMode.Same with stride " + st
                        + " and kernel " + k + " has no symmetric-padding equivalent");
            }
            padding = (k - 1) / 2;
        } else if (!mode.equals("Truncate") && !mode.equals("Strict")) {
            throw new InvalidModelException(where + ": ConvolutionMode." + mode + " is not supported");
        }
        return LayerDescriptor.conv(key, k, st, padding);
    }

    private static LayerDescriptor poolDescriptor(JsonNode l, String where) {
        int k = Dl4jModelReader.square(l, "kernelSize", 1, 1, "pooling kernel", where);
        int st = Dl4jModelReader.square(l, "stride", 1, 1, "pooling stride", where);
        int pad = Dl4jModelReader.square(l, "padding", 0, 0, "pooling padding", where);
        if (pad != 0) {
            throw new InvalidModelException(where + ": padded pooling " + l.get("padding") + " is not supported");
        }
        if (l.path("convolutionMode").asText("Truncate").equals("Same") && k != 1) {
            throw new InvalidModelException(where + ": pooling with ConvolutionMode.Same is not supported");
        }
        String format = l.path("cnn2dDataFormat").asText("NCHW");
        if (!format.equals("NCHW")) {
            throw new InvalidModelException(where + ": pools " + format + " activations; only NCHW");
        }
        String t = l.path("poolingType").asText("");
        return switch (t) {
            case "MAX" -> LayerDescriptor.pool("maxpool", k, st);
            case "AVG" -> LayerDescriptor.pool("avgpool", k, st);
            default -> throw new InvalidModelException(where + ": pooling type " + t + " is not supported (MAX, AVG)");
        };
    }

    private static void activation(JsonNode a, boolean last, String where, List<LayerDescriptor> layers) {
        String c = a == null || a.isNull() ? "" : a.path("@class").asText("");
        String simple = Dl4jConfig.simple(c);
        switch (c.isEmpty() ? "ActivationIdentity" : simple) {
            case "ActivationIdentity" -> {
            }
            case "ActivationReLU" -> {
                if ((!a.path("max").isNull() && a.has("max")) || nonZero(a.get("threshold"))
                        || nonZero(a.get("negativeSlope"))) {
                    throw new InvalidModelException(where + ": ReLU with max/threshold/slope is not supported");
                }
                layers.add(LayerDescriptor.of("relu"));
            }
            case "ActivationSoftmax" -> {
                if (!last) {
                    throw new InvalidModelException(where + ": activation softmax is not supported (identity, relu, "
                            + "and softmax on the output layer)");
                }
                // Our models output logits; softmax on them changes neither the argmax nor the cross-entropy.
            }
            default -> throw new InvalidModelException(where + ": activation "
                    + simple.replaceFirst("^Activation", "").toLowerCase(java.util.Locale.ROOT)
                    + " is not supported (identity, relu, and softmax on the output layer)");
        }
    }

    private static boolean nonZero(JsonNode d) {
        return d != null && !d.isNull() && d.asDouble() != 0.0;
    }

    private static void batchNorm(JsonNode l, float[] params, int[] offset, String key, double eps,
                                  Map<String, Tensor> out) {
        int n = l.get("nout").asInt();
        Tensor gamma;
        Tensor beta;
        if (l.path("lockGammaBeta").asBoolean(false)) {
            // Locked gamma/beta are constants in the configuration, not parameters.
            float[] g = new float[n];
            float[] b = new float[n];
            Arrays.fill(g, (float) l.path("gamma").asDouble(1));
            Arrays.fill(b, (float) l.path("beta").asDouble(0));
            gamma = new Tensor(new int[]{n}, g);
            beta = new Tensor(new int[]{n}, b);
        } else {
            gamma = Dl4jModelReader.slice(params, offset, n);
            beta = Dl4jModelReader.slice(params, offset, n);
        }
        out.put(key + ".weight", gamma);
        out.put(key + ".bias", beta);
        out.put(key + ".running_mean", Dl4jModelReader.slice(params, offset, n));
        float[] stored = Dl4jModelReader.slice(params, offset, n).data();
        float[] var = new float[n];
        if (l.path("useLogStd").asBoolean(false)) {
            // DL4J (useLogStd=true) keeps log10(std) with std = sqrt(var + eps); PyTorch keeps var.
            for (int j = 0; j < n; j++) {
                double std = Math.pow(10.0, stored[j]);
                var[j] = (float) (std * std - eps);
            }
        } else {
            System.arraycopy(stored, 0, var, 0, n);
        }
        out.put(key + ".running_var", new Tensor(new int[]{n}, var));
    }
}
