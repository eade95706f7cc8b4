package org.lmcx.nn;

/** Mean cross-entropy (natural log) and accuracy of a model on some examples. */
public record Metrics(double loss, double accuracy, int examples) {
}
