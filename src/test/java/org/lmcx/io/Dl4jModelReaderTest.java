package org.lmcx.io;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.model.ArchitectureDescriptor.LayerDescriptor;
import org.lmcx.model.InvalidModelException;
import org.lmcx.model.Layer;
import org.lmcx.model.Model;
import org.lmcx.model.Tensor;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Dl4jModelReaderTest {

    @TempDir
    Path tmp;

    private Path save(MultiLayerNetwork net, String name) throws IOException {
        Path f = tmp.resolve(name);
        ModelSerializer.writeModel(net, f.toFile(), false);
        return f;
    }

    private static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** DL4J dense W is [nIn,nOut]; ours must be its transpose, element by element. */
    private static void assertTransposed(Tensor t, INDArray w) {
        int in = (int) w.size(0);
        int out = (int) w.size(1);
        assertThat(t.shape()).containsExactly(out, in);
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                assertThat(t.data()[o * in + i]).isEqualTo(w.getFloat(i, o));
            }
        }
    }

    private static void assertSameValues(Tensor t, INDArray a) {
        float[] expected = a.dup('c').reshape(a.length()).toFloatVector();
        assertThat(t.data()).containsExactly(expected);
    }

    @Test
    void mlpBecomesSequentialDenseLayersWithTransposedWeights() throws IOException {
        MultiLayerNetwork net = init(new NeuralNetConfiguration.Builder().seed(3).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(16).activation(Activation.RELU).biasInit(0.25).build())
                .layer(new DenseLayer.Builder().nIn(16).nOut(12).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(12).nOut(10).activation(Activation.SOFTMAX)
                        .build())
                .build());
        Path f = save(net, "mlp.zip");
        Dl4jModelReader.Result r = Dl4jModelReader.read(f);
        assertThat(r.descriptor().family()).isEqualTo("sequential");
        assertThat(r.descriptor().input()).containsExactly(1, 28, 28);
        assertThat(r.descriptor().layers()).extracting(LayerDescriptor::type)
                .containsExactly("flatten", "dense", "relu", "dense", "relu", "dense");
        assertThat(r.tensors().keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias", "2.weight",
                "2.bias");
        for (int i = 0; i < 3; i++) {
            Map<String, INDArray> p = net.getLayer(i).paramTable();
            assertTransposed(r.tensors().get(i + ".weight"), p.get("W"));
            assertSameValues(r.tensors().get(i + ".bias"), p.get("b"));
            assertThat(r.tensors().get(i + ".bias").rank()).isEqualTo(1);
        }
        assertThat(r.tensors().get("0.bias").data()).containsOnly(0.25f);

        Model m = CheckpointLoader.load(f, null);
        assertThat(m.architecture().numClasses()).isEqualTo(10);
        assertThat(m.architecture().layers().get(1)).isEqualTo(new Layer.Dense("0.weight", "0.bias", 784, 16));
    }

    @Test
    void convBatchNormPoolDenseConvertsLayoutsAndLog10StdToRunningVar() throws IOException {
        MultiLayerNetwork net = init(new NeuralNetConfiguration.Builder().seed(5).weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nIn(1).nOut(4).stride(1, 1).padding(1, 1)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().nOut(4).eps(1e-3).build())
                .layer(new ActivationLayer(Activation.RELU))
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).stride(1, 1).padding(1, 1)
                        .activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build());
        BatchNormalization bnConf = (BatchNormalization) net.getLayerWiseConfigurations().getConf(1).getLayer();
        assertThat(bnConf.isUseLogStd()).as("DL4J default").isTrue();
        // Non-trivial running statistics so the conversion is actually exercised.
        net.getLayer(1).setParam("mean", Nd4j.createFromArray(new float[]{0.5f, -1f, 2f, 0f}).reshape(1, 4));
        net.getLayer(1).setParam("log10stdev", Nd4j.createFromArray(new float[]{-1f, 0f, 0.5f, -0.25f}).reshape(1, 4));
        net.getLayer(1).setParam("gamma", Nd4j.createFromArray(new float[]{1.5f, 0.5f, 2f, 1f}).reshape(1, 4));
        Path f = save(net, "cnn.zip");

        Dl4jModelReader.Result r = Dl4jModelReader.read(f);
        assertThat(r.descriptor().input()).containsExactly(1, 28, 28);
        assertThat(r.descriptor().layers()).extracting(LayerDescriptor::type).containsExactly("conv2d", "batchnorm",
                "relu", "maxpool", "conv2d", "relu", "avgpool", "flatten", "dense");

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(f.toFile(), false);
        Map<String, INDArray> conv = restored.getLayer(0).paramTable();
        assertThat(r.tensors().get("0.weight").shape()).containsExactly(4, 1, 3, 3);
        assertSameValues(r.tensors().get("0.weight"), conv.get("W"));
        assertThat(r.tensors().get("0.weight").data()[1 * 9 + 2 * 3 + 1]).isEqualTo(conv.get("W").getFloat(1, 0, 2, 1));
        assertThat(r.tensors().get("0.bias").shape()).containsExactly(4);
        assertThat(r.tensors().get("4.weight").shape()).containsExactly(6, 4, 3, 3);

        assertThat(r.tensors().get("1.weight").data()).containsExactly(1.5f, 0.5f, 2f, 1f);
        assertThat(r.tensors().get("1.running_mean").data()).containsExactly(0.5f, -1f, 2f, 0f);
        float[] var = r.tensors().get("1.running_var").data();
        double[] log10Std = {-1, 0, 0.5, -0.25};
        for (int c = 0; c < 4; c++) {
            double expected = Math.pow(100, log10Std[c]) - 1e-3; // (10^l)² − eps
            assertThat((double) var[c]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6 * Math.abs(expected) + 1e-9));
            // What evaluation uses must be DL4J's std: sqrt(var + eps) = 10^l.
            assertThat(Math.sqrt(var[c] + 1e-3)).isCloseTo(Math.pow(10, log10Std[c]),
                    org.assertj.core.data.Offset.offset(1e-6));
        }
        assertTransposed(r.tensors().get("6.weight"), restored.getLayer(6).paramTable().get("W"));
        assertThat(r.tensors().get("6.weight").shape()).containsExactly(10, 6 * 7 * 7);

        Model m = CheckpointLoader.load(f, null);
        assertThat(m.architecture().layers().get(1)).isEqualTo(new Layer.BatchNorm("1.weight", "1.bias",
                "1.running_mean", "1.running_var", 4, 1e-3));
        assertThat(m.architecture().layers().get(3)).isEqualTo(new Layer.MaxPool(2, 2));
    }

    @Test
    void batchNormWithoutLogStdPassesVarianceThrough() throws IOException {
        MultiLayerNetwork net = init(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(3).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().nOut(3).useLogStd(false).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(3).nOut(2).activation(Activation.IDENTITY).build())
                .build());
        net.getLayer(1).setParam("var", Nd4j.createFromArray(new float[]{0.25f, 4f, 9f}).reshape(1, 3));
        Dl4jModelReader.Result r = Dl4jModelReader.read(save(net, "bnvar.zip"));
        assertThat(r.tensors().get("1.running_var").data()).containsExactly(0.25f, 4f, 9f);
        assertThat(r.descriptor().input()).containsExactly(6);
    }

    @Test
    void flatInputReshapedToImagesGetsTheImageInputShape() throws IOException {
        MultiLayerNetwork net = init(new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(2).stride(2, 2).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(32, 32, 3))
                .build());
        Path f = save(net, "flat.zip");
        Model m = CheckpointLoader.load(f, null);
        assertThat(m.architecture().inputShape()).containsExactly(3, 32, 32);
        assertThat(m.architecture().layers().get(0)).isEqualTo(new Layer.Conv2d("0.weight", "0.bias", 3, 2, 5, 2, 0));
    }

    @Test
    void linearComputationGraphConvertsLikeASequentialNetwork() throws IOException {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(2).graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(5).nOut(4).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        Path f = tmp.resolve("graph.zip");
        ModelSerializer.writeModel(g, f.toFile(), false);
        Dl4jModelReader.Result r = Dl4jModelReader.read(f);
        assertThat(r.descriptor().input()).containsExactly(5);
        assertThat(r.descriptor().layers()).extracting(LayerDescriptor::type).containsExactly("dense", "relu", "dense");
        assertTransposed(r.tensors().get("0.weight"), g.getLayer("hidden").paramTable().get("W"));
        assertTransposed(r.tensors().get("1.weight"), g.getLayer("out").paramTable().get("W"));
        assertThat(CheckpointLoader.load(f, null).architecture().numClasses()).isEqualTo(3);
    }

    @Test
    void branchingGraphIsRejectedNamingTheVertex() throws IOException {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.RELU).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.RELU).build(), "in")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MSE).nIn(4).nOut(2).activation(Activation.IDENTITY)
                        .build(), "sum")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        Path f = tmp.resolve("branch.zip");
        ModelSerializer.writeModel(g, f.toFile(), false);
        assertThatThrownBy(() -> Dl4jModelReader.read(f)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("branch.zip: vertex").hasMessageContaining("linear chains");
    }

    @Test
    void unsupportedLayersAndActivationsAreRejectedNamingTheLayer() throws IOException {
        MultiLayerNetwork tanh = init(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(3).nOut(2).activation(Activation.IDENTITY).build())
                .build());
        Path a = save(tanh, "tanh.zip");
        assertThatThrownBy(() -> CheckpointLoader.load(a, null)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("tanh.zip: layer 0 (DenseLayer): activation").hasMessageContaining("tanh");

        MultiLayerNetwork emb = init(new NeuralNetConfiguration.Builder().list()
                .layer(new EmbeddingLayer.Builder().nIn(10).nOut(3).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(3).nOut(2).activation(Activation.IDENTITY).build())
                .build());
        Path b = save(emb, "emb.zip");
        assertThatThrownBy(() -> Dl4jModelReader.read(b)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("emb.zip: layer 0 (EmbeddingLayer): layer type EmbeddingLayer is not supported");
    }

    @Test
    void zipWithoutDl4jEntriesIsNotTakenForDl4j() throws IOException {
        Path z = tmp.resolve("other.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(z))) {
            out.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            out.write("hi".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Dl4jModelReader.isDl4jZip(z)).isFalse();
        assertThatThrownBy(() -> Dl4jModelReader.read(z)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("other.zip: not a DL4J ModelSerializer zip");
    }
}
