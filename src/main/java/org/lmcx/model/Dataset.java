package org.lmcx.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Labelled examples already normalized to float, row-major, one example after another:
 * {@code features[i·exampleSize + j]}. Images are {@code [C,H,W]} (channel-major), as PyTorch sees them.
 *
 * @param name         for messages and output, e.g. {@code "fashion-mnist test (2000)"}
 * @param exampleShape one example's shape
 * @param features     {@code size() · exampleSize()} floats
 * @param labels       class index per example
 * @param numClasses   number of classes
 */
public record Dataset(String name, int[] exampleShape, float[] features, int[] labels, int numClasses) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        exampleShape = exampleShape.clone();
        long per = Tensor.elementCount(exampleShape);
        if ((long) labels.length * per != features.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels but " + features.length
                    + " feature values for examples of shape " + Arrays.toString(exampleShape));
        }
    }

    /**
     * Refuses data the network cannot take: examples of another size than its input (32×32 images into a
     * 784-input MLP), or labels beyond its logits. An image dataset fits a flat input of the same size (an MLP
     * flattens it).
     *
     * @throws UserInputException naming the dataset, the shapes and, for labels, the first example
     */
    public void requireFits(Architecture a) {
        int[] in = a.inputShape();
        boolean sameSize = Tensor.elementCount(in) == Tensor.elementCount(exampleShape);
        boolean sameShape = in.length != exampleShape.length || Arrays.equals(in, exampleShape);
        if (!sameSize || !sameShape) {
            throw new UserInputException(name + ": examples of shape " + Arrays.toString(exampleShape) + " ("
                    + Tensor.elementCount(exampleShape) + " values) do not fit the input " + Arrays.toString(in)
                    + " of " + a.name());
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= a.numClasses()) {
                throw new UserInputException(name + ": label " + labels[i] + " at index " + i + " is outside the "
                        + a.numClasses() + " classes of " + a.name());
            }
        }
    }

    @Override
    public int[] exampleShape() {
        return exampleShape.clone();
    }

    public int size() {
        return labels.length;
    }

    public int exampleSize() {
        return (int) Tensor.elementCount(exampleShape);
    }

    /** The first {@code n} examples (all if n ≥ size). */
    public Dataset first(int n) {
        if (n >= size()) {
            return this;
        }
        int per = exampleSize();
        return new Dataset(name + " first " + n, exampleShape, Arrays.copyOf(features, n * per),
                Arrays.copyOf(labels, n), numClasses);
    }

    /** {@code n} examples drawn without replacement, reproducible from the seed, in drawn order. */
    public Dataset randomSubset(int n, long seed) {
        if (n >= size()) {
            return this;
        }
        int[] idx = new int[size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Random rnd = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            int j = i + rnd.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int per = exampleSize();
        float[] f = new float[n * per];
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(features, idx[i] * per, f, i * per, per);
            l[i] = labels[idx[i]];
        }
        return new Dataset(name + " random " + n + " (seed " + seed + ")", exampleShape, f, l, numClasses);
    }
}
