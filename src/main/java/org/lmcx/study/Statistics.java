package org.lmcx.study;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The statistics of a study, all from Commons Math: mean, sample standard deviation (n − 1), a two-sided 95 %
 * t interval for the mean, and the paired two-sided t-test. With fewer than two values, or differences that are
 * all equal, the quantities that do not exist are NaN (written as empty cells).
 */
public final class Statistics {

    /**
     * @param std   sample standard deviation
     * @param ciLow lower end of the 95 % t interval of the mean
     */
    public record Described(int n, double mean, double std, double ciLow, double ciHigh) {
    }

    /**
     * @param difference x − y described: its mean, std and interval
     * @param t          statistic
     * @param p          two-sided p-value
     */
    public record PairedTest(Described difference, double t, double p) {
        public static final String NAME = "paired t-test (two-sided)";
    }

    private Statistics() {
    }

    public static Described describe(double[] values) {
        SummaryStatistics s = new SummaryStatistics();
        for (double v : values) {
            s.addValue(v);
        }
        int n = (int) s.getN();
        double mean = n == 0 ? Double.NaN : s.getMean();
        if (n < 2) {
            return new Described(n, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double std = s.getStandardDeviation();
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975) * std / Math.sqrt(n);
        return new Described(n, mean, std, mean - half, mean + half);
    }

    public static PairedTest paired(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired samples of different sizes: " + x.length + ", " + y.length);
        }
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        Described diff = describe(d);
        if (diff.n() < 2 || !(diff.std() > 0)) {
            return new PairedTest(diff, Double.NaN, Double.NaN);
        }
        TTest t = new TTest();
        return new PairedTest(diff, t.pairedT(x, y), t.pairedTTest(x, y));
    }
}
