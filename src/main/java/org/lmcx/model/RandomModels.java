package org.lmcx.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random models of any architecture, the one factory behind {@code lmcx bench} and the tests: weights
 * Gaussian with He scaling ({@code std = √(2 / fan-in)}), biases and BN shifts N(0, 0.1²), BN scales 1 + N(0, 0.1²),
 * running variances positive ({@code 0.5 + |N(0, 0.1²)|}), so activations keep their scale through deep nets
 * as in a freshly initialised network.
 */
public final class RandomModels {

    private RandomModels() {
    }

    public static Model random(Architecture arch, long seed) {
        Random rnd = new Random(seed);
        Map<String, Tensor> t = new LinkedHashMap<>();
        arch.parameterShapes().forEach((key, shape) -> {
            int n = (int) Tensor.elementCount(shape);
            float[] d = new float[n];
            long fanIn = 1;
            for (int i = 1; i < shape.length; i++) {
                fanIn *= shape[i];
            }
            double std = shape.length > 1 ? Math.sqrt(2.0 / fanIn) : 0.1;
            for (int i = 0; i < n; i++) {
                double g = rnd.nextGaussian() * std;
                d[i] = (float) (key.endsWith("running_var") ? 0.5 + Math.abs(g)
                        : key.endsWith(".weight") && shape.length == 1 ? 1 + g : g);
            }
            t.put(key, new Tensor(shape, d));
        });
        return Model.of("random " + arch.name() + " seed " + seed, arch, t);
    }
}
