package org.lmcx.nn;

/**
 * The one cross-entropy every reported loss uses (interpolation curves, landscapes, the Taylor estimate, STE,
 * training progress): {@code log Σ_c exp(z_c) − z_y} per example, by log-sum-exp in double, never clipped. PyTorch's
 * {@code F.cross_entropy} computes the same; DL4J's MCXENT clips probabilities at 1e-10, which caps an example's
 * loss near 23 and so lowers the mean wherever a model is confidently wrong (gradients still come from DL4J's loss
 * layer; the clip changes them only for such examples, and negligibly).
 */
public final class CrossEntropy {

    private CrossEntropy() {
    }

    /** The loss of the example whose logits start at {@code off} in row-major {@code logits}. */
    public static double of(float[] logits, int off, int classes, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, logits[off + c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += Math.exp(logits[off + c] - max);
        }
        return max + Math.log(sum) - logits[off + label];
    }

    /** Mean loss over the rows of {@code logits} ({@code [labels.length, classes]}, row-major). */
    public static double mean(float[] logits, int[] labels, int classes) {
        double s = 0;
        for (int i = 0; i < labels.length; i++) {
            s += of(logits, i * classes, classes, labels[i]);
        }
        return s / labels.length;
    }

    /** The predicted class of a row (the first maximum). */
    static int argmax(float[] logits, int off, int classes) {
        int arg = 0;
        for (int c = 1; c < classes; c++) {
            if (logits[off + c] > logits[off + arg]) {
                arg = c;
            }
        }
        return arg;
    }
}
