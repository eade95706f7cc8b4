package org.lmcx.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.lmcx.model.Architecture;
import org.lmcx.model.Layer;
import org.lmcx.model.Lowering;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an {@link Architecture} into one DL4J {@link ComputationGraph} (a graph, not a MultiLayerNetwork, so
 * ResNet's residual additions and plain stacks share one code path) and records how each state_dict tensor
 * maps onto a DL4J parameter.
 *
 * <p>The last dense layer is a plain identity {@code DenseLayer} named {@link #LOGITS} followed by a softmax
 * cross-entropy {@code LossLayer}: evaluation reads logits (for a numerically safe log-softmax in double),
 * gradients come from the loss layer. BN layers use {@code useLogStd(false)} so their {@code var} parameter
 * is PyTorch's {@code running_var} unchanged. Flatten layers need no vertex: DL4J inserts its NCHW
 * {@code CnnToFeedForwardPreProcessor}, which is channel-major like PyTorch's flatten.
 */
final class NetworkBuilder {

    static final String INPUT = "input";
    static final String LOGITS = "logits";
    static final String LOSS = "loss";

    /** How to place one state_dict tensor into a DL4J parameter. */
    record Binding(String tensor, String vertex, String param, boolean transpose) {
    }

    /** A BN vertex and the vertex whose activations feed it (for recomputing statistics). */
    record BatchNormSite(String vertex, String inputVertex, String mean, String var) {
    }

    record Built(ComputationGraph graph, List<Binding> bindings, List<BatchNormSite> batchNorms,
                 boolean convolutionalInput) {
    }

    private final ComputationGraphConfiguration.GraphBuilder g;
    private final List<Binding> bindings = new ArrayList<>();
    private final List<BatchNormSite> batchNorms = new ArrayList<>();
    private final Layer logits;
    private int counter;

    private NetworkBuilder(Architecture arch, IUpdater updater, long seed) {
        this.g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder()
                .addInputs(INPUT);
        this.logits = arch.logitsLayer();
    }

    static Built build(Architecture arch) {
        return build(arch, new NoOp(), 0);
    }

    /** With an updater other than NoOp the graph can be trained with DL4J's own fit (see {@link Trainer}). */
    static Built build(Architecture arch, IUpdater updater, long seed) {
        NetworkBuilder b = new NetworkBuilder(arch, updater, seed);
        int[] in = arch.inputShape();
        // A network whose first layer turns an image into a vector takes DL4J's feed-forward input directly.
        boolean conv = in.length == 3 && arch.layers().get(0).outputShape(in).length == 3;
        String out = b.chain(arch.layers(), INPUT);
        if (!LOGITS.equals(out)) {
            throw new IllegalArgumentException(arch.name() + ": the network must end with its dense logits layer");
        }
        b.g.addLayer(LOSS, new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).build(), LOGITS);
        b.g.setOutputs(LOSS);
        b.g.setInputTypes(conv ? InputType.convolutional(in[1], in[2], in[0])
                : InputType.feedForward(arch.inputSize()));
        ComputationGraph graph = new ComputationGraph(b.g.build());
        graph.init();
        return new Built(graph, List.copyOf(b.bindings), List.copyOf(b.batchNorms), conv);
    }

    private String name(String kind) {
        return "v" + counter++ + "_" + kind;
    }

    /** Adds the layers after {@code from}; returns the name of the last vertex. */
    private String chain(List<Layer> layers, String from) {
        Emitter e = new Emitter(from);
        for (Layer l : layers) {
            e.current = l;
            l.lower(e);
        }
        return e.prev;
    }

    /** The primitives as DL4J vertices, each appended after {@link #prev}. */
    private final class Emitter implements Lowering {
        String prev;
        Layer current;

        Emitter(String from) {
            this.prev = from;
        }

        private void layer(String kind, org.deeplearning4j.nn.conf.layers.Layer layer) {
            String v = name(kind);
            g.addLayer(v, layer, prev);
            prev = v;
        }

        @Override
        public void dense(String weight, String bias, int in, int out) {
            String v = current == logits ? LOGITS : name("dense");
            g.addLayer(v, new DenseLayer.Builder().nIn(in).nOut(out).activation(Activation.IDENTITY)
                    .hasBias(bias != null).build(), prev);
            bindings.add(new Binding(weight, v, "W", true));
            if (bias != null) {
                bindings.add(new Binding(bias, v, "b", false));
            }
            prev = v;
        }

        @Override
        public void conv2d(String weight, String bias, int in, int out, int kernel, int stride, int padding) {
            layer("conv", new ConvolutionLayer.Builder(kernel, kernel).nIn(in).nOut(out).stride(stride, stride)
                    .padding(padding, padding).activation(Activation.IDENTITY).hasBias(bias != null).build());
            bindings.add(new Binding(weight, prev, "W", false));
            if (bias != null) {
                bindings.add(new Binding(bias, prev, "b", false));
            }
        }

        @Override
        public void batchNorm(String weight, String bias, String runningMean, String runningVar, int channels,
                              double eps) {
            String input = prev;
            layer("bn", new BatchNormalization.Builder().nOut(channels).eps(eps).useLogStd(false)
                    .lockGammaBeta(false).build());
            bindings.add(new Binding(weight, prev, "gamma", false));
            bindings.add(new Binding(bias, prev, "beta", false));
            bindings.add(new Binding(runningMean, prev, "mean", false));
            bindings.add(new Binding(runningVar, prev, "var", false));
            batchNorms.add(new BatchNormSite(prev, input, runningMean, runningVar));
        }

        @Override
        public void relu() {
            layer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build());
        }

        @Override
        public void pool(Pool kind, int kernel, int stride) {
            layer(kind == Pool.MAX ? "maxpool" : "avgpool", new SubsamplingLayer.Builder(
                    kind == Pool.MAX ? PoolingType.MAX : PoolingType.AVG).kernelSize(kernel, kernel)
                    .stride(stride, stride).build());
        }

        @Override
        public void globalAvgPool() {
            layer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).collapseDimensions(true).build());
        }

        /** No vertex: DL4J inserts its channel-major CnnToFeedForwardPreProcessor before the next dense layer. */
        @Override
        public void flatten() {
        }

        @Override
        public void residual(List<Layer> main, List<Layer> shortcut) {
            String m = chain(main, prev);
            String s = chain(shortcut, prev);
            String v = name("add");
            g.addVertex(v, new ElementWiseVertex(ElementWiseVertex.Op.Add), m, s);
            prev = v;
        }
    }
}
