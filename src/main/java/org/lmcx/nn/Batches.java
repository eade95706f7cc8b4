package org.lmcx.nn;

import org.lmcx.model.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A dataset cut into ND4J batches once, so an interpolation curve or landscape (dozens of passes over the
 * same examples) does not copy the features again for every λ. The features are one array and each batch's
 * features a row range of it, so the fast forward can run its own, larger chunks over {@link #all()} (one
 * 2,000-row gemm instead of four 500-row ones: small gemms cost a large fixed overhead) without a copy.
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
    private final INDArray all;

    private Batches(Dataset dataset, List<Batch> batches, INDArray all) {
        this.dataset = dataset;
        this.batches = List.copyOf(batches);
        this.all = all;
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
        boolean image = imageInput && es.length == 3;
        long total = data.size();
        INDArray all = Nd4j.create(data.features(), image ? new long[]{total, es[0], es[1], es[2]}
                : new long[]{total, per}, 'c');
        List<Batch> out = new ArrayList<>();
        for (int start = 0; start < data.size(); start += batchSize) {
            int n = Math.min(batchSize, data.size() - start);
            INDArray x = n == total ? all : image
                    ? all.get(NDArrayIndex.interval(start, start + n), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all())
                    : all.get(NDArrayIndex.interval(start, start + n), NDArrayIndex.all());
            int[] labels = Arrays.copyOfRange(data.labels(), start, start + n);
            INDArray oneHot = Nd4j.zeros(DataType.FLOAT, n, data.numClasses());
            for (int i = 0; i < n; i++) {
                oneHot.putScalar(i, labels[i], 1f);
            }
            out.add(new Batch(x, labels, oneHot));
        }
        return new Batches(data, out, all);
    }

    /** Every example's features in one array (the batches are row ranges of it). */
    public INDArray all() {
        return all;
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
