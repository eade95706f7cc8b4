package org.lmcx.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * Raw 8-bit images with labels, as the files hold them, before normalization: example {@code i} is
 * {@code pixels[i·C·H·W …]} in channel-major ({@code [C,H,W]}) order. Kept separate from the normalized
 * {@link org.lmcx.model.Dataset} so subsets can be written back to IDX files unchanged.
 *
 * @param name     for messages, e.g. {@code "fashion-mnist test"}
 * @param labels   one class index (0–255) per example
 */
public record ImageSet(String name, int channels, int rows, int cols, byte[] pixels, byte[] labels) {

    public ImageSet {
        Objects.requireNonNull(name, "name");
        if (channels < 1 || rows < 1 || cols < 1) {
            throw new IllegalArgumentException(name + ": bad image shape " + channels + "×" + rows + "×" + cols);
        }
        if ((long) labels.length * channels * rows * cols != pixels.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels but " + pixels.length
                    + " pixel bytes for " + channels + "×" + rows + "×" + cols + " images");
        }
    }

    public int size() {
        return labels.length;
    }

    public int exampleSize() {
        return channels * rows * cols;
    }

    public int[] exampleShape() {
        return new int[]{channels, rows, cols};
    }

    /** Label of example {@code i} as an int (labels are unsigned bytes). */
    public int label(int i) {
        return labels[i] & 0xff;
    }

    /** The first {@code n} examples (all if n ≥ size). */
    public ImageSet first(int n) {
        if (n >= size()) {
            return this;
        }
        if (n < 0) {
            throw new IllegalArgumentException("negative subset size " + n);
        }
        return new ImageSet(name, channels, rows, cols, Arrays.copyOf(pixels, n * exampleSize()),
                Arrays.copyOf(labels, n));
    }
}
