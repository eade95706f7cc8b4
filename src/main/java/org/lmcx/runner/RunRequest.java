package org.lmcx.runner;

import java.util.Map;

/**
 * One run to make: a method with its options (as given; the key completes them with the method's defaults),
 * the seed, BN reset, the λ grid, the evaluation batch size and the analyses wanted.
 *
 * @param lambdas   interpolation grid (contains 0 and 1 for barriers)
 * @param batchSize evaluation batch size (not part of the key: it does not change results)
 */
public record RunRequest(String method, Map<String, String> options, long seed, boolean bnReset, double[] lambdas,
                         int batchSize, Analyses analyses) {

    public RunRequest {
        options = options == null ? Map.of() : Map.copyOf(options);
        lambdas = lambdas.clone();
        analyses = analyses == null ? Analyses.NONE : analyses;
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be ≥ 1");
        }
    }

    @Override
    public double[] lambdas() {
        return lambdas.clone();
    }

    /** The same request with another seed (for seed sweeps). */
    public RunRequest withSeed(long s) {
        return new RunRequest(method, options, s, bnReset, lambdas, batchSize, analyses);
    }
}
