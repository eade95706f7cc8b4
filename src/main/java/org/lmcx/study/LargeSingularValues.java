package org.lmcx.study;

import org.lmcx.model.UserInputException;

/**
 * How many of a layer's singular values count as "large" (Ito et al. Figs. 10 and 14 relate their number to the
 * width and to the merged model's loss), and the stable rank. The paper leaves the cut-off to the reader, so the
 * plan names it:
 * <ul>
 *   <li>{@code relative} (default, threshold 0.1): σᵢ ≥ threshold · σ₁;</li>
 *   <li>{@code energy}: the fewest leading σᵢ whose squares hold {@code threshold} of Σσ² (e.g. 0.9).</li>
 * </ul>
 * The ratio divides the count by min(rows, cols), the number of singular values the layer has.
 * Stable rank is Σσᵢ² / σ₁² (= ‖W‖_F² / ‖W‖₂²), a cut-off-free companion.
 */
public final class LargeSingularValues {

    /**
     * @param rule      {@code relative} or {@code energy}
     * @param threshold its parameter in (0, 1]
     */
    public record Definition(String rule, double threshold) {
        public static Definition standard() {
            return new Definition("relative", 0.1);
        }

        void check(String where) {
            if (!"relative".equals(rule) && !"energy".equals(rule)) {
                throw new UserInputException(where + "largeSingularValues.rule must be relative or energy, got "
                        + rule);
            }
            if (!(threshold > 0 && threshold <= 1)) {
                throw new UserInputException(where + "largeSingularValues.threshold must be in (0, 1]");
            }
        }

        /** A sentence for tables and figure captions. */
        public String describe() {
            return "relative".equals(rule) ? "σᵢ ≥ " + threshold + "·σ₁"
                    : "fewest σᵢ holding " + threshold + " of Σσ²";
        }
    }

    private LargeSingularValues() {
    }

    /** @param sigma singular values, largest first */
    public static int count(double[] sigma, Definition d) {
        if (sigma.length == 0 || sigma[0] <= 0) {
            return 0;
        }
        if ("relative".equals(d.rule())) {
            int n = 0;
            for (double s : sigma) {
                if (s >= d.threshold() * sigma[0]) {
                    n++;
                }
            }
            return n;
        }
        double total = 0;
        for (double s : sigma) {
            total += s * s;
        }
        double acc = 0;
        for (int i = 0; i < sigma.length; i++) {
            acc += sigma[i] * sigma[i];
            if (acc >= d.threshold() * total * (1 - 1e-12)) {
                return i + 1;
            }
        }
        return sigma.length;
    }

    public static double stableRank(double[] sigma) {
        if (sigma.length == 0 || sigma[0] <= 0) {
            return 0;
        }
        double total = 0;
        for (double s : sigma) {
            total += s * s;
        }
        return total / (sigma[0] * sigma[0]);
    }
}
