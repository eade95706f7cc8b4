package org.lmcx.session;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Mean ± standard deviation over seeds: runs whose keys differ only in the seed form one group (e.g. "wm" at
 * seeds 0, 1, 2); failed runs are left out and counted. The standard deviation is the sample one (n − 1),
 * NaN for a single run. Computed with Commons Math's {@link DescriptiveStatistics}.
 *
 * @param label   the group's label: the method, plus "· BN reset" where set
 * @param seeds   the seeds of the runs that entered the statistics, in run order
 * @param failed  runs of the group left out because they failed
 * @param metrics per metric name: its statistics
 */
public record SeedSummary(String label, List<Long> seeds, int failed, Map<String, Stat> metrics) {

    /** Mean and sample standard deviation of one metric over {@code n} runs. */
    public record Stat(int n, double mean, double std) {
    }

    /** The metrics summarised, by name, in table order. */
    public static final Map<String, ToDoubleFunction<Run>> METRICS = metricFunctions();

    private static Map<String, ToDoubleFunction<Run>> metricFunctions() {
        Map<String, ToDoubleFunction<Run>> m = new LinkedHashMap<>();
        m.put("testLossBarrier", Run::testLossBarrier);
        m.put("testAccuracyBarrier", Run::testAccuracyBarrier);
        m.put("l2After", r -> r.match() == null ? Double.NaN : r.match().l2After());
        m.put("objective", r -> r.match() == null ? Double.NaN : r.match().objective());
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Groups runs by key without the seed, in order of first appearance, and summarises each group. */
    public static List<SeedSummary> of(List<Run> runs) {
        Map<Object, List<Run>> groups = new LinkedHashMap<>();
        for (Run r : runs) {
            groups.computeIfAbsent(withoutSeed(r.key()), k -> new ArrayList<>()).add(r);
        }
        List<SeedSummary> out = new ArrayList<>();
        for (List<Run> g : groups.values()) {
            List<Long> seeds = new ArrayList<>();
            int failed = 0;
            Map<String, DescriptiveStatistics> stats = new LinkedHashMap<>();
            METRICS.keySet().forEach(k -> stats.put(k, new DescriptiveStatistics()));
            for (Run r : g) {
                if (!r.ok()) {
                    failed++;
                    continue;
                }
                seeds.add(r.key().seed());
                METRICS.forEach((name, f) -> {
                    double v = f.applyAsDouble(r);
                    if (Double.isFinite(v)) {
                        stats.get(name).addValue(v);
                    }
                });
            }
            Map<String, Stat> ms = new LinkedHashMap<>();
            stats.forEach((k, s) -> ms.put(k, new Stat((int) s.getN(), s.getN() == 0 ? Double.NaN : s.getMean(),
                    s.getN() < 2 ? Double.NaN : s.getStandardDeviation())));
            RunKey k = g.get(0).key();
            out.add(new SeedSummary(k.method() + (k.bnReset() ? " · BN reset" : ""), seeds, failed, ms));
        }
        return out;
    }

    /** The key without its seed, and without the subset seed of random subsets (the run's seed draws them). */
    private static Object withoutSeed(RunKey k) {
        DataRef d = k.data();
        DataRef unseeded = d == null || d.subsetSeed() == null ? d
                : new DataRef(d.dir(), d.trainSize(), d.testSize(), d.subset(), 0L, d.mean(), d.std());
        return List.of(k.modelSetId(), Objects.toString(k.architecture()), Objects.toString(unseeded), k.method(),
                k.options(), k.bnReset(), k.lambdas(), k.version());
    }
}
