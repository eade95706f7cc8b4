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

    private final Architecture arch;
    private final ComputationGraphConfiguration.GraphBuilder g;
    private final List<Binding> bindings = new ArrayList<>();
    private final List<BatchNormSite> batchNorms = new ArrayList<>();
    private final Layer lastDense;
    private int counter;

    private NetworkBuilder(Architecture arch, IUpdater updater, long seed) {
        this.arch = arch;
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
        Layer last = null;
        for (Layer l : arch.layers()) {
            if (l instanceof Layer.Dense) {
                last = l;
            }
        }
        this.lastDense = last;
    }

    static Built build(Architecture arch) {
        return build(arch, new NoOp(), 0);
    }

    /** With an updater other than NoOp the graph can be trained with DL4J's own fit (see {@link Trainer}). */
    static Built build(Architecture arch, IUpdater updater, long seed) {
        NetworkBuilder b = new NetworkBuilder(arch, updater, seed);
        int[] in = arch.inputShape();
        boolean conv = in.length == 3 && !(arch.layers().get(0) instanceof Layer.Flatten);
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
        return "v" + (counter++) + "_" + kind;
    }

    /** Adds the layers after {@code from}; returns the name of the last vertex. */
    private String chain(List<Layer> layers, String from) {
        String prev = from;
        for (Layer l : layers) {
            prev = add(l, prev);
        }
        return prev;
    }

    private String add(Layer l, String prev) {
        if (l instanceof Layer.Dense d) {
            String v = l == lastDense ? LOGITS : name("dense");
            g.addLayer(v, new DenseLayer.Builder().nIn(d.in()).nOut(d.out()).activation(Activation.IDENTITY)
                    .hasBias(d.bias() != null).build(), prev);
            bindings.add(new Binding(d.weight(), v, "W", true));
            if (d.bias() != null) {
                bindings.add(new Binding(d.bias(), v, "b", false));
            }
            return v;
        } else if (l instanceof Layer.Conv2d c) {
            String v = name("conv");
            g.addLayer(v, new ConvolutionLayer.Builder(c.kernel(), c.kernel()).nIn(c.in()).nOut(c.out())
                    .stride(c.stride(), c.stride()).padding(c.padding(), c.padding())
                    .activation(Activation.IDENTITY).hasBias(c.bias() != null).build(), prev);
            bindings.add(new Binding(c.weight(), v, "W", false));
            if (c.bias() != null) {
                bindings.add(new Binding(c.bias(), v, "b", false));
            }
            return v;
        } else if (l instanceof Layer.BatchNorm bn) {
            String v = name("bn");
            g.addLayer(v, new BatchNormalization.Builder().nOut(bn.channels()).eps(bn.eps()).useLogStd(false)
                    .lockGammaBeta(false).build(), prev);
            bindings.add(new Binding(bn.weight(), v, "gamma", false));
            bindings.add(new Binding(bn.bias(), v, "beta", false));
            bindings.add(new Binding(bn.runningMean(), v, "mean", false));
            bindings.add(new Binding(bn.runningVar(), v, "var", false));
            batchNorms.add(new BatchNormSite(v, prev, bn.runningMean(), bn.runningVar()));
            return v;
        } else if (l instanceof Layer.Relu) {
            String v = name("relu");
            g.addLayer(v, new ActivationLayer.Builder().activation(Activation.RELU).build(), prev);
            return v;
        } else if (l instanceof Layer.MaxPool p) {
            String v = name("maxpool");
            g.addLayer(v, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(p.kernel(), p.kernel())
                    .stride(p.stride(), p.stride()).build(), prev);
            return v;
        } else if (l instanceof Layer.AvgPool p) {
            String v = name("avgpool");
            g.addLayer(v, new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(p.kernel(), p.kernel())
                    .stride(p.stride(), p.stride()).build(), prev);
            return v;
        } else if (l instanceof Layer.GlobalAvgPool) {
            String v = name("gap");
            g.addLayer(v, new GlobalPoolingLayer.Builder(PoolingType.AVG).collapseDimensions(true).build(), prev);
            return v;
        } else if (l instanceof Layer.Flatten) {
            return prev;
        } else if (l instanceof Layer.Residual r) {
            String main = chain(r.main(), prev);
            String shortcut = chain(r.shortcut(), prev);
            String v = name("add");
            g.addVertex(v, new ElementWiseVertex(ElementWiseVertex.Op.Add), main, shortcut);
            return v;
        }
        throw new IllegalArgumentException(arch.name() + ": unsupported layer " + l);
    }
}
