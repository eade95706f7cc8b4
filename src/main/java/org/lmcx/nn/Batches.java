package org.lmcx.nn;

import org.lmcx.model.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A dataset cut into ND4J batches once, so an interpolation curve or landscape (dozens of passes over the
 * same examples) does not copy the features again for every λ.
 */
public final class Batches {

    /** One batch: features shaped for the network, class indices and one-hot labels. */
    public record Batch(INDArray features, int[] labels, INDArray oneHot) {
        public int size() {
            return labels.length;
        }
    }

    private final Dataset dataset;
    private final List<Batch> batches;

    private Batches(Dataset dataset, List<Batch> batches) {
        this.dataset = dataset;
        this.batches = List.copyOf(batches);
    }

    /**
     * @param imageInput true to shape features {@code [n, C, H, W]} (convolutional input), false for
     *                   {@code [n, features]}
     */
    public static Batches of(Dataset data, int batchSize, boolean imageInput) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be ≥ 1");
        }
        int per = data.exampleSize();
        int[] es = data.exampleShape();
        List<Batch> out = new ArrayList<>();
        for (int start = 0; start < data.size(); start += batchSize) {
            int n = Math.min(batchSize, data.size() - start);
            float[] f = Arrays.copyOfRange(data.features(), start * per, (start + n) * per);
            long[] shape = imageInput && es.length == 3 ? new long[]{n, es[0], es[1], es[2]} : new long[]{n, per};
            INDArray x = Nd4j.create(f, shape, 'c');
            int[] labels = Arrays.copyOfRange(data.labels(), start, start + n);
            INDArray oneHot = Nd4j.zeros(DataType.FLOAT, n, data.numClasses());
            for (int i = 0; i < n; i++) {
                oneHot.putScalar(i, labels[i], 1f);
            }
            out.add(new Batch(x, labels, oneHot));
        }
        return new Batches(data, out);
    }

    public Dataset dataset() {
        return dataset;
    }

    public List<Batch> list() {
        return batches;
    }

    public int exampleCount() {
        return dataset.size();
    }
}
