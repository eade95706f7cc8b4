package org.lmcx.render;

import java.util.List;

/**
 * Singular values of one layer's weight matrix in several models, largest first.
 *
 * @param layer  the tensor, e.g. "fc1.weight"
 * @param series one entry per model (A, B, π(B), merged at λ, …)
 */
public record SpectrumSet(String layer, List<Series> series) {

    /** One model's singular values, descending. */
    public record Series(String label, double[] values) {
        public Series {
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }
    }

    public SpectrumSet {
        series = List.copyOf(series);
    }
}
