package org.lmcx.study;

/**
 * One row of {@code summary.csv}: a group (architecture, width, method) and one quantity.
 *
 * @param kind      {@code metric} (a cell metric over the group's cells), {@code test} (a paired test; mean, std
 *                  and interval are of the difference) or {@code agreement} (rows two methods' permutations share)
 * @param method    the method; for tests {@code "wm vs identity"}, for agreement {@code "wm-am"}
 * @param metric    the metric (see {@link Metrics}); for agreement {@code rows:<group>} or {@code ratio:<group>}
 * @param test      the test's name, empty for other kinds
 * @param statistic the test statistic (t), NaN when none
 * @param pValue    its p-value, NaN when none
 */
public record SummaryRow(String kind, String architecture, String width, String method, String metric, int n,
                         double mean, double std, double ciLow, double ciHigh, String test, double statistic,
                         double pValue) {

    public static final String METRIC = "metric";
    public static final String TEST = "test";
    public static final String AGREEMENT = "agreement";

    static SummaryRow of(String kind, String arch, String width, String method, String metric,
                         Statistics.Described d) {
        return new SummaryRow(kind, arch, width, method, metric, d.n(), d.mean(), d.std(), d.ciLow(), d.ciHigh(),
                "", Double.NaN, Double.NaN);
    }

    static SummaryRow of(String arch, String width, String method, String metric, Statistics.PairedTest t) {
        Statistics.Described d = t.difference();
        return new SummaryRow(TEST, arch, width, method, metric, d.n(), d.mean(), d.std(), d.ciLow(), d.ciHigh(),
                Statistics.PairedTest.NAME, t.t(), t.p());
    }
}
