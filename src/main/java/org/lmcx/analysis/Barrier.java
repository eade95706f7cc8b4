package org.lmcx.analysis;

/**
 * A loss or accuracy barrier along a path θ(λ), λ ∈ [0, 1], in one of the two definitions in common use.
 *
 * @param definition {@link #LINEAR} or {@link #MEAN}
 * @param value      the barrier (≥ 0 up to noise; how much worse the path gets than the reference)
 * @param lambda     where along the path the maximum is reached
 */
public record Barrier(String definition, double value, double lambda) {

    /** max over λ of curve(λ) − ((1−λ)·curve(0) + λ·curve(1)) (Frankle et al., Ainsworth et al.). */
    public static final String LINEAR = "max over λ of curve minus the straight line between the endpoints";
    /** max over λ of curve(λ) − (curve(0) + curve(1)) / 2 (Entezari et al.). */
    public static final String MEAN = "max over λ of curve minus the mean of the endpoint values";

    /**
     * Both barriers of a curve sampled at {@code lambdas} (which must contain 0 and 1; points outside [0,1]
     * are ignored). For accuracy pass {@code higherIsBetter = true}: the barrier is then the reference minus
     * the curve.
     *
     * @return {linear, mean}
     */
    public static Barrier[] of(double[] lambdas, double[] curve, boolean higherIsBetter) {
        int i0 = indexOf(lambdas, 0.0);
        int i1 = indexOf(lambdas, 1.0);
        double v0 = curve[i0];
        double v1 = curve[i1];
        double sign = higherIsBetter ? -1 : 1;
        double bestLinear = Double.NEGATIVE_INFINITY;
        double bestMean = Double.NEGATIVE_INFINITY;
        double atLinear = 0;
        double atMean = 0;
        for (int i = 0; i < lambdas.length; i++) {
            double l = lambdas[i];
            if (l < -1e-12 || l > 1 + 1e-12) {
                continue;
            }
            double linear = sign * (curve[i] - ((1 - l) * v0 + l * v1));
            double mean = sign * (curve[i] - (v0 + v1) / 2);
            if (linear > bestLinear) {
                bestLinear = linear;
                atLinear = l;
            }
            if (mean > bestMean) {
                bestMean = mean;
                atMean = l;
            }
        }
        return new Barrier[]{new Barrier(LINEAR, bestLinear, atLinear), new Barrier(MEAN, bestMean, atMean)};
    }

    /**
     * This barrier as the vertical segment charts draw at its λ, on the curve's own grid (the sample nearest
     * each of 0, 1 and λ): {@code {λ, reference there, curve there}}, the reference being the straight line
     * between the endpoints ({@link #LINEAR}) or their mean ({@link #MEAN}).
     */
    public double[] segment(double[] lambdas, double[] curve) {
        double v0 = curve[nearest(lambdas, 0)];
        double v1 = curve[nearest(lambdas, 1)];
        int ib = nearest(lambdas, lambda);
        double ref = MEAN.equals(definition) ? (v0 + v1) / 2 : (1 - lambda) * v0 + lambda * v1;
        return new double[]{lambdas[ib], ref, curve[ib]};
    }

    private static int nearest(double[] x, double v) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (Math.abs(x[i] - v) < Math.abs(x[best] - v)) {
                best = i;
            }
        }
        return best;
    }

    private static int indexOf(double[] lambdas, double value) {
        for (int i = 0; i < lambdas.length; i++) {
            if (Math.abs(lambdas[i] - value) < 1e-9) {
                return i;
            }
        }
        throw new org.lmcx.model.UserInputException("the λ grid must contain " + value + " to compute a barrier");
    }
}
