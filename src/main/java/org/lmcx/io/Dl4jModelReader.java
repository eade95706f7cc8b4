package org.lmcx.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.util.ModelSerializer;
import org.lmcx.model.ArchitectureDescriptor;
import org.lmcx.model.ArchitectureDescriptor.LayerDescriptor;
import org.lmcx.model.InvalidModelException;
import org.lmcx.model.Tensor;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Converts DL4J's own ModelSerializer zips (MultiLayerNetwork, or a ComputationGraph that is a linear chain)
 * into our PyTorch-layout tensors plus a {@code sequential} descriptor, so DL4J-trained networks can be
 * matched and interpolated like PyTorch ones. Layouts differ from PyTorch in two places, both converted:
 * dense weights are {@code [nIn,nOut]} in DL4J (transposed to {@code [out,in]}), and batch norm by default
 * stores {@code log10(sqrt(var + eps))} instead of the variance (converted to PyTorch's running_var).
 * Tensors are named {@code <layerIndex>.weight|bias|running_mean|running_var}.
 *
 * <p>DL4J does not store the network's input shape. For convolutional networks it is worked out from the
 * first flatten's recorded height and width (the smallest input that the layers map onto it); a network
 * that starts with dense layers gets the same guess as a PyTorch MLP (784 → 1×28×28, 3072 → 3×32×32).
 */
public final class Dl4jModelReader {

    /** What a DL4J file turns into. */
    public record Result(ArchitectureDescriptor descriptor, Map<String, Tensor> tensors) {
    }

    /** One layer of the chain with its optional input preprocessor. */
    private record Step(String what, org.deeplearning4j.nn.conf.layers.Layer conf, InputPreProcessor pre,
                        Map<String, INDArray> params) {
    }

    private Dl4jModelReader() {
    }

    /** True if {@code file} is a zip with the entries ModelSerializer writes. Never throws. */
    public static boolean isDl4jZip(Path file) {
        try (ZipFile z = new ZipFile(file.toFile())) {
            return z.getEntry("configuration.json") != null && z.getEntry("coefficients.bin") != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** @throws InvalidModelException naming the file and, for unsupported networks, the layer */
    public static Result read(Path file) {
        String name = IoNames.name(file);
        if (!isDl4jZip(file)) {
            throw new InvalidModelException(name + ": not a DL4J ModelSerializer zip "
                    + "(needs entries configuration.json and coefficients.bin)");
        }
        List<Step> steps;
        try {
            if (isComputationGraph(file)) {
                steps = graphSteps(ModelSerializer.restoreComputationGraph(file.toFile(), false), name);
            } else {
                steps = networkSteps(ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidModelException ime) {
                throw ime;
            }
            throw new InvalidModelException(name + ": DL4J could not restore the network: " + e, e);
        }
        return convert(steps, name);
    }

    private static boolean isComputationGraph(Path file) throws IOException {
        try (ZipFile z = new ZipFile(file.toFile())) {
            ZipEntry e = z.getEntry("configuration.json");
            try (InputStream in = z.getInputStream(e)) {
                JsonNode root = new ObjectMapper().readTree(in);
                return root != null && root.has("vertices");
            }
        }
    }

    private static List<Step> networkSteps(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            org.deeplearning4j.nn.conf.layers.Layer l = conf.getConf(i).getLayer();
            steps.add(new Step("layer " + i + " (" + l.getClass().getSimpleName() + ")", l,
                    conf.getInputPreProcess(i), net.getLayer(i).paramTable()));
        }
        return steps;
    }

    private static List<Step> graphSteps(ComputationGraph graph, String name) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new InvalidModelException(name + ": ComputationGraph has " + conf.getNetworkInputs().size()
                    + " inputs and " + conf.getNetworkOutputs().size() + " outputs; only single-input, "
                    + "single-output linear chains are supported");
        }
        GraphVertex[] vertices = graph.getVertices();
        List<Step> steps = new ArrayList<>();
        String previous = null;
        InputPreProcessor pendingPre = null;
        for (int idx : graph.topologicalSortOrder()) {
            GraphVertex v = vertices[idx];
            String vn = v.getVertexName();
            if (v.isInputVertex()) {
                previous = vn;
                continue;
            }
            List<String> inputs = conf.getVertexInputs().get(vn);
            if (inputs == null || inputs.size() != 1 || !inputs.get(0).equals(previous)) {
                throw new InvalidModelException(name + ": vertex \"" + vn + "\" takes inputs " + inputs
                        + "; only linear chains (each vertex fed by the one before) are supported");
            }
            previous = vn;
            org.deeplearning4j.nn.conf.graph.GraphVertex cv = conf.getVertices().get(vn);
            if (cv instanceof PreprocessorVertex pv) {
                if (pendingPre != null) {
                    throw new InvalidModelException(name + ": vertex \"" + vn + "\": two preprocessors in a row "
                            + "are not supported");
                }
                pendingPre = pv.getPreProcessor();
            } else if (cv instanceof LayerVertex lv) {
                InputPreProcessor pre = lv.getPreProcessor();
                if (pre != null && pendingPre != null) {
                    throw new InvalidModelException(name + ": vertex \"" + vn + "\": two preprocessors in a row "
                            + "are not supported");
                }
                org.deeplearning4j.nn.conf.layers.Layer l = lv.getLayerConf().getLayer();
                steps.add(new Step("vertex \"" + vn + "\" (" + l.getClass().getSimpleName() + ")", l,
                        pre != null ? pre : pendingPre, graph.getLayer(vn).paramTable()));
                pendingPre = null;
            } else {
                throw new InvalidModelException(name + ": vertex \"" + vn + "\" is a "
                        + cv.getClass().getSimpleName() + ", which is not supported (only layers and "
                        + "preprocessors in a chain)");
            }
        }
        if (pendingPre != null) {
            throw new InvalidModelException(name + ": graph ends in a preprocessor vertex");
        }
        return steps;
    }

    private static Result convert(List<Step> steps, String name) {
        List<LayerDescriptor> layers = new ArrayList<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        int[] input = null;
        int flattenAt = -1;
        long[] flattenHw = null;
        int firstChannels = -1;
        boolean sawSpatial = false;
        int firstDenseIn = -1;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String where = name + ": " + s.what;
            String key = String.valueOf(i);
            boolean last = i == steps.size() - 1;
            if (s.pre != null) {
                if (s.pre instanceof CnnToFeedForwardPreProcessor c) {
                    if (c.getFormat() != null && c.getFormat() != CNN2DFormat.NCHW) {
                        throw new InvalidModelException(where + ": flattens " + c.getFormat()
                                + " activations; only NCHW (PyTorch's layout) is supported");
                    }
                    if (flattenAt < 0) {
                        flattenAt = layers.size();
                        flattenHw = new long[]{c.getInputHeight(), c.getInputWidth()};
                    }
                    layers.add(LayerDescriptor.of("flatten"));
                } else if (s.pre instanceof FeedForwardToCnnPreProcessor f && layers.isEmpty() && input == null) {
                    // The network takes flat vectors but reshapes them to images at once: it is an image model.
                    input = new int[]{(int) f.getNumChannels(), (int) f.getInputHeight(), (int) f.getInputWidth()};
                } else {
                    throw new InvalidModelException(where + ": input preprocessor "
                            + s.pre.getClass().getSimpleName() + " is not supported");
                }
            }
            org.deeplearning4j.nn.conf.layers.Layer l = s.conf;
            Class<?> c = l.getClass();
            if (c == DenseLayer.class || c == OutputLayer.class) {
                BaseLayer b = (BaseLayer) l;
                INDArray w = param(s, "W", where);
                if (firstDenseIn < 0 && !sawSpatial && flattenAt < 0) {
                    firstDenseIn = (int) w.size(0);
                }
                tensors.put(key + ".weight", tensor(w.transpose(), where));
                if (s.params.containsKey("b")) {
                    tensors.put(key + ".bias", vector(param(s, "b", where), where));
                }
                layers.add(LayerDescriptor.keyed("dense", key));
                activation(b.getActivationFn(), last, where, layers);
            } else if (c == ConvolutionLayer.class) {
                ConvolutionLayer cv = (ConvolutionLayer) l;
                layers.add(convDescriptor(cv, key, where));
                INDArray w = param(s, "W", where);
                if (firstChannels < 0 && !sawSpatial) {
                    firstChannels = (int) w.size(1);
                }
                sawSpatial = true;
                tensors.put(key + ".weight", tensor(w, where));
                if (cv.isHasBias() && s.params.containsKey("b")) {
                    tensors.put(key + ".bias", vector(param(s, "b", where), where));
                }
                activation(cv.getActivationFn(), last, where, layers);
            } else if (c == BatchNormalization.class) {
                BatchNormalization bn = (BatchNormalization) l;
                if (bn.getCnn2DFormat() != null && bn.getCnn2DFormat() != CNN2DFormat.NCHW) {
                    throw new InvalidModelException(where + ": batch norm over " + bn.getCnn2DFormat()
                            + " activations; only NCHW is supported");
                }
                batchNorm(s, bn, key, where, tensors);
                layers.add(new LayerDescriptor("batchnorm", key, null, null, null, null, null, null, null, null,
                        null, bn.getEps(), null, null));
                // No activation: DL4J's BatchNormalization layer ignores its (inherited, often sigmoid) one.
            } else if (c == SubsamplingLayer.class) {
                SubsamplingLayer p = (SubsamplingLayer) l;
                layers.add(poolDescriptor(p, where));
                sawSpatial = true;
            } else if (c == ActivationLayer.class) {
                activation(((ActivationLayer) l).getActivationFn(), last, where, layers);
            } else if (c == DropoutLayer.class) {
                // Dropout is the identity at inference time.
                continue;
            } else {
                throw new InvalidModelException(where + ": layer type " + c.getSimpleName() + " is not supported "
                        + "(supported: DenseLayer, OutputLayer, ConvolutionLayer, BatchNormalization, "
                        + "SubsamplingLayer, ActivationLayer, DropoutLayer)");
            }
        }
        if (layers.isEmpty()) {
            throw new InvalidModelException(name + ": the network has no layers");
        }
        if (input == null) {
            if (firstChannels > 0) {
                input = imageInput(layers, flattenAt, flattenHw, firstChannels, name);
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
        return new Result(ArchitectureDescriptor.sequential(input, layers), tensors);
    }

    private static LayerDescriptor convDescriptor(ConvolutionLayer cv, String key, String where) {
        if (cv.getCnn2dDataFormat() != null && cv.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            throw new InvalidModelException(where + ": uses " + cv.getCnn2dDataFormat()
                    + " activations; only NCHW (PyTorch's layout) is supported");
        }
        int[] k = cv.getKernelSize();
        int[] st = cv.getStride();
        int[] pad = cv.getPadding();
        int[] dil = cv.getDilation();
        if (k[0] != k[1] || st[0] != st[1] || pad[0] != pad[1]) {
            throw new InvalidModelException(where + ": kernel " + Arrays.toString(k) + ", stride "
                    + Arrays.toString(st) + ", padding " + Arrays.toString(pad)
                    + " are not square; only square convolutions are supported");
        }
        if (dil != null && (dil[0] != 1 || dil[1] != 1)) {
            throw new InvalidModelException(where + ": dilation " + Arrays.toString(dil) + " is not supported");
        }
        int padding = pad[0];
        if (cv.getConvolutionMode() == ConvolutionMode.Same) {
            // "Same" pads (k−1)/2 on each side when the stride is 1 and k is odd: that is symmetric padding.
            if (st[0] != 1 || k[0] % 2 == 0) {
                throw new InvalidModelException(where + ": ConvolutionMode.Same with stride " + st[0]
                        + " and kernel " + k[0] + " has no symmetric-padding equivalent");
            }
            padding = (k[0] - 1) / 2;
        } else if (cv.getConvolutionMode() != ConvolutionMode.Truncate
                && cv.getConvolutionMode() != ConvolutionMode.Strict) {
            throw new InvalidModelException(where + ": ConvolutionMode." + cv.getConvolutionMode()
                    + " is not supported");
        }
        return LayerDescriptor.conv(key, k[0], st[0], padding);
    }

    private static LayerDescriptor poolDescriptor(SubsamplingLayer p, String where) {
        int[] k = p.getKernelSize();
        int[] st = p.getStride();
        int[] pad = p.getPadding();
        if (k[0] != k[1] || st[0] != st[1]) {
            throw new InvalidModelException(where + ": pooling kernel " + Arrays.toString(k) + " / stride "
                    + Arrays.toString(st) + " are not square");
        }
        if (pad != null && (pad[0] != 0 || pad[1] != 0)) {
            throw new InvalidModelException(where + ": padded pooling " + Arrays.toString(pad) + " is not supported");
        }
        if (p.getConvolutionMode() == ConvolutionMode.Same && k[0] != 1) {
            throw new InvalidModelException(where + ": pooling with ConvolutionMode.Same is not supported");
        }
        if (p.getCnn2dDataFormat() != null && p.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            throw new InvalidModelException(where + ": pools " + p.getCnn2dDataFormat() + " activations; only NCHW");
        }
        PoolingType t = p.getPoolingType();
        if (t == PoolingType.MAX) {
            return LayerDescriptor.pool("maxpool", k[0], st[0]);
        } else if (t == PoolingType.AVG) {
            return LayerDescriptor.pool("avgpool", k[0], st[0]);
        }
        throw new InvalidModelException(where + ": pooling type " + t + " is not supported (MAX, AVG)");
    }

    private static void activation(IActivation a, boolean last, String where, List<LayerDescriptor> layers) {
        if (a == null || a instanceof ActivationIdentity) {
            return;
        }
        if (a instanceof ActivationReLU r) {
            if (r.getMax() != null || nonZero(r.getThreshold()) || nonZero(r.getNegativeSlope())) {
                throw new InvalidModelException(where + ": ReLU with max/threshold/slope is not supported");
            }
            layers.add(LayerDescriptor.of("relu"));
            return;
        }
        if (a instanceof ActivationSoftmax && last) {
            // Our models output logits; softmax on them changes neither the argmax nor the cross-entropy.
            return;
        }
        throw new InvalidModelException(where + ": activation " + a + " is not supported (identity, relu, "
                + "and softmax on the output layer)");
    }

    private static boolean nonZero(Double d) {
        return d != null && d != 0.0;
    }

    private static void batchNorm(Step s, BatchNormalization bn, String key, String where,
                                  Map<String, Tensor> out) {
        INDArray mean = param(s, BatchNormalizationParamInitializer.GLOBAL_MEAN, where);
        int n = (int) mean.length();
        Tensor gamma;
        Tensor beta;
        if (bn.isLockGammaBeta() || !s.params.containsKey(BatchNormalizationParamInitializer.GAMMA)) {
            // Locked gamma/beta are constants in the configuration, not parameters.
            float[] g = new float[n];
            float[] b = new float[n];
            Arrays.fill(g, (float) bn.getGamma());
            Arrays.fill(b, (float) bn.getBeta());
            gamma = new Tensor(new int[]{n}, g);
            beta = new Tensor(new int[]{n}, b);
        } else {
            gamma = vector(param(s, BatchNormalizationParamInitializer.GAMMA, where), where);
            beta = vector(param(s, BatchNormalizationParamInitializer.BETA, where), where);
        }
        out.put(key + ".weight", gamma);
        out.put(key + ".bias", beta);
        out.put(key + ".running_mean", vector(mean, where));
        double eps = bn.getEps();
        float[] var = new float[n];
        if (s.params.containsKey(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)) {
            // DL4J (useLogStd=true) keeps log10(std) with std = sqrt(var + eps); PyTorch keeps var.
            double[] log10Std = param(s, BatchNormalizationParamInitializer.GLOBAL_LOG_STD, where)
                    .castTo(DataType.DOUBLE).dup('c').data().asDouble();
            for (int j = 0; j < n; j++) {
                double std = Math.pow(10.0, log10Std[j]);
                var[j] = (float) (std * std - eps);
            }
        } else {
            float[] v = vector(param(s, BatchNormalizationParamInitializer.GLOBAL_VAR, where), where).data();
            System.arraycopy(v, 0, var, 0, n);
        }
        out.put(key + ".running_var", new Tensor(new int[]{n}, var));
    }

    private static INDArray param(Step s, String k, String where) {
        INDArray a = s.params.get(k);
        if (a == null) {
            throw new InvalidModelException(where + ": has no parameter \"" + k + "\" (has " + s.params.keySet()
                    + ")");
        }
        return a;
    }

    /** Copies in row-major order whatever DL4J's view ordering is. */
    private static Tensor tensor(INDArray a, String where) {
        long[] shape = a.shape();
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.toIntExact(shape[i]);
        }
        float[] data = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        if (data.length != Tensor.elementCount(s)) {
            data = Arrays.copyOf(data, (int) Tensor.elementCount(s));
        }
        return new Tensor(s, data);
    }

    /** DL4J keeps biases and BN vectors as {@code [1,n]} rows; PyTorch as {@code [n]}. */
    private static Tensor vector(INDArray a, String where) {
        Tensor t = tensor(a, where);
        return t.reshape(t.size());
    }

    /**
     * The smallest {@code [C,H,W]} that the spatial layers before the first flatten map onto the height and
     * width recorded there.
     */
    private static int[] imageInput(List<LayerDescriptor> layers, int flattenAt, long[] hw, int channels,
                                    String name) {
        if (flattenAt < 0) {
            throw new InvalidModelException(name + ": convolutional network without a CnnToFeedForward "
                    + "preprocessor; cannot tell its input size");
        }
        List<LayerDescriptor> spatial = layers.subList(0, flattenAt);
        int h = smallestInput(spatial, hw[0]);
        int w = smallestInput(spatial, hw[1]);
        if (h < 0 || w < 0) {
            throw new InvalidModelException(name + ": no input size leads to the " + hw[0] + "×" + hw[1]
                    + " activations the network flattens");
        }
        return new int[]{channels, h, w};
    }

    private static int smallestInput(List<LayerDescriptor> spatial, long target) {
        for (int in = 1; in <= 16384; in++) {
            long s = in;
            for (LayerDescriptor l : spatial) {
                if (l.kernel() == null) {
                    continue;
                }
                int k = l.kernel();
                int st = l.stride() == null ? 1 : l.stride();
                int p = l.padding() == null ? 0 : l.padding();
                if (s + 2L * p < k) {
                    s = -1;
                    break;
                }
                s = (s + 2L * p - k) / st + 1;
            }
            if (s == target) {
                return in;
            }
        }
        return -1;
    }
}
