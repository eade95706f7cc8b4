package org.lmcx.nn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.lmcx.model.Architecture;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.model.Tensor;
import org.lmcx.task.Monitor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Trains a network of a described architecture from a seed with DL4J (Adam, cross-entropy), for
 * {@code lmcx train} and the bundled demo. Seeds change both the initialization and the minibatch order, which
 * is what makes two runs land in different basins that only a permutation reconnects.
 */
public final class Trainer {

    /** @param learningRate Adam step size */
    public record Options(long seed, int epochs, int batchSize, double learningRate) {
    }

    private Trainer() {
    }

    public static Model train(Architecture arch, Dataset data, Options options, String source, Monitor monitor) {
        NetworkBuilder.Built built = NetworkBuilder.build(arch, new Adam(options.learningRate()), options.seed());
        ComputationGraph graph = built.graph();
        boolean image = built.convolutionalInput();
        int n = data.size();
        int per = data.exampleSize();
        int[] es = data.exampleShape();
        Random rnd = new Random(options.seed());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int steps = options.epochs() * ((n + options.batchSize() - 1) / options.batchSize());
        int step = 0;
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < n; start += options.batchSize()) {
                monitor.checkCancelled();
                int m = Math.min(options.batchSize(), n - start);
                float[] f = new float[m * per];
                INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, m, data.numClasses());
                for (int k = 0; k < m; k++) {
                    int idx = order[start + k];
                    System.arraycopy(data.features(), idx * per, f, k * per, per);
                    y.putScalar(k, data.labels()[idx], 1f);
                }
                long[] shape = image ? new long[]{m, es[0], es[1], es[2]} : new long[]{m, per};
                INDArray x = Nd4j.create(f, shape, 'c');
                graph.fit(new DataSet(x, y));
                step++;
                if (step % 20 == 0 || step == steps) {
                    int[] labels = new int[m];
                    for (int k = 0; k < m; k++) {
                        labels[k] = data.labels()[order[start + k]];
                    }
                    // The batch's loss after the step, as every other report computes it (DL4J's score clips).
                    double loss = CrossEntropy.mean(Network.flatFloats(graph.output(
                            java.util.List.of(NetworkBuilder.LOGITS), false, new INDArray[]{x}, null)[0]), labels,
                            data.numClasses());
                    monitor.update((double) step / steps, String.format("epoch %d/%d, loss %.4f", epoch + 1,
                            options.epochs(), loss));
                }
            }
        }
        Network net = Network.fromBuilt(arch, built);
        return net.currentModel(source, zeros(arch, source));
    }

    /** A model of the right shapes with zero weights, as a template for reading a network back out. */
    static Model zeros(Architecture arch, String source) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        arch.parameterShapes().forEach((k, s) -> t.put(k, new Tensor(s, new float[(int) Tensor.elementCount(s)])));
        return new Model(source, arch, t);
    }
}
