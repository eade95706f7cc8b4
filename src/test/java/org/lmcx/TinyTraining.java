package org.lmcx;

import org.lmcx.model.Architecture;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.nn.Batches;
import org.lmcx.nn.Network;

import java.util.Random;

/** Synthetic classification data and a few steps of plain SGD, for tests that need trained-ish models fast. */
public final class TinyTraining {

    private TinyTraining() {
    }

    /** Gaussian clusters, one per class, with class means drawn from the seed; learnable in a few epochs. */
    public static Dataset clusters(Architecture arch, int n, long seed) {
        Random rnd = new Random(seed);
        int per = arch.inputSize();
        int classes = arch.numClasses();
        double[][] means = new double[classes][per];
        Random meanRnd = new Random(12345);
        for (double[] m : means) {
            for (int j = 0; j < per; j++) {
                m[j] = meanRnd.nextGaussian();
            }
        }
        float[] f = new float[n * per];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = rnd.nextInt(classes);
            labels[i] = c;
            for (int j = 0; j < per; j++) {
                f[i * per + j] = (float) (means[c][j] + 0.8 * rnd.nextGaussian());
            }
        }
        return new Dataset("clusters seed " + seed, arch.inputShape(), f, labels, classes);
    }

    /** {@code epochs} passes of minibatch SGD from {@code init}. */
    public static Model sgd(Model init, Dataset data, int epochs, int batch, double lr) {
        Network net = Network.build(init.architecture());
        float[] theta = net.paramsOf(init).toFloatArray();
        Batches batches = net.batches(data, batch);
        for (int e = 0; e < epochs; e++) {
            for (Batches.Batch b : batches.list()) {
                net.load(net.vector(theta));
                float[] g = net.meanLossAndGradient(b).gradient().toFloatArray();
                for (int i = 0; i < theta.length; i++) {
                    theta[i] -= (float) (lr * g[i]);
                }
            }
        }
        net.load(net.vector(theta));
        return net.currentModel("sgd(" + init.source() + ")", init);
    }
}
