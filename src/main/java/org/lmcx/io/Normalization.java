package org.lmcx.io;

import org.lmcx.model.UserInputException;
import org.lmcx.model.Dataset;

import java.util.Arrays;

/**
 * Per-channel input normalization {@code x = (pixel/255 − mean_c) / std_c}, computed in float32 in that
 * order so that inputs are bit-identical to torchvision's {@code ToTensor()} + {@code Normalize(mean, std)}.
 */
public record Normalization(float[] mean, float[] std) {

    /** Fashion-MNIST training-set statistics, as the fixtures were trained with. */
    public static final Normalization FASHION_MNIST = new Normalization(new float[]{0.2860f}, new float[]{0.3530f});
    public static final Normalization MNIST = new Normalization(new float[]{0.1307f}, new float[]{0.3081f});
    public static final Normalization KMNIST = new Normalization(new float[]{0.1918f}, new float[]{0.3483f});
    public static final Normalization CIFAR10 = new Normalization(new float[]{0.4914f, 0.4822f, 0.4465f},
            new float[]{0.2470f, 0.2435f, 0.2616f});

    public Normalization {
        if (mean.length == 0 || mean.length != std.length) {
            throw new UserInputException("normalization needs one mean and one std per channel, got "
                    + mean.length + " and " + std.length);
        }
        for (float s : std) {
            if (!(s > 0) || !Float.isFinite(s)) {
                throw new UserInputException("normalization std must be positive and finite, got "
                        + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    public int channels() {
        return mean.length;
    }

    /** Normalizes the images; a single-channel normalization applies to every channel. */
    public Dataset apply(ImageSet set, String name, int numClasses) {
        if (channels() != 1 && channels() != set.channels()) {
            throw new UserInputException("normalization for " + channels() + " channels cannot apply to "
                    + set.channels() + "-channel images of " + set.name());
        }
        byte[] px = set.pixels();
        float[] out = new float[px.length];
        int plane = set.rows() * set.cols();
        int per = set.exampleSize();
        for (int i = 0; i < out.length; i++) {
            int c = channels() == 1 ? 0 : (i % per) / plane;
            float v = (px[i] & 0xff) / 255f;
            out[i] = (v - mean[c]) / std[c];
        }
        int[] labels = new int[set.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = set.label(i);
        }
        return new Dataset(name, set.exampleShape(), out, labels, numClasses);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "mean " + Arrays.toString(mean) + " std " + Arrays.toString(std);
    }
}
