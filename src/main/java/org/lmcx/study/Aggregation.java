package org.lmcx.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns finished cells into the study's summary rows: per (architecture, width, method, metric) the
 * description over cells; the paired tests of Ito et al. (Taylor estimate vs actual barrier, method vs identity,
 * the π(b)–π(c) barrier of two methods); and how many rows the permutations of two methods share per group.
 * Tests pair on the model set: a method with several matching seeds is first averaged over them, so the
 * sample size is the number of independent model sets, not of matching runs.
 */
public final class Aggregation {

    private Aggregation() {
    }

    /** @param threeModel the two methods whose three-model π(b)–π(c) barriers are compared */
    public static List<SummaryRow> summarize(List<CellResult> results, List<String> threeModel) {
        List<CellResult> cells = withBarrierReduction(results);
        List<SummaryRow> rows = new ArrayList<>();
        Map<String, List<CellResult>> byGroup = group(cells, c -> c.architecture() + "\u0000" + c.width());
        for (List<CellResult> g : byGroup.values()) {
            String arch = g.get(0).architecture();
            String width = g.get(0).width();
            List<String> methods = g.stream().map(CellResult::method).distinct().toList();
            for (String method : methods) {
                List<CellResult> mc = g.stream().filter(c -> c.method().equals(method)).toList();
                Set<String> names = new LinkedHashSet<>();
                mc.forEach(c -> names.addAll(c.metrics().keySet()));
                names.stream().sorted(Comparator.comparingInt(Metrics::rank).thenComparing(Function.identity()))
                        .forEach(metric -> rows.add(SummaryRow.of(SummaryRow.METRIC, arch, width, method, metric,
                                Statistics.describe(values(mc, metric)))));
            }
            for (String method : methods) {
                taylor(rows, arch, width, method, g);
            }
            for (String method : methods) {
                if (!"identity".equals(method)) {
                    paired(rows, arch, width, g, method, "identity", Metrics.LOSS_BARRIER);
                }
            }
            if (threeModel != null && threeModel.size() == 2 && methods.containsAll(threeModel)) {
                paired(rows, arch, width, g, threeModel.get(0), threeModel.get(1), Metrics.THREE_PB_PC);
            }
            agreement(rows, arch, width, g, methods);
        }
        return rows;
    }

    /** Adds {@link Metrics#BARRIER_REDUCTION} to every matched pair cell whose identity cell has finished. */
    static List<CellResult> withBarrierReduction(List<CellResult> results) {
        Map<String, Double> identity = new LinkedHashMap<>();
        for (CellResult c : results) {
            if ("identity".equals(c.method()) && c.metrics().containsKey(Metrics.LOSS_BARRIER)) {
                identity.put(c.modelSetId(), c.metrics().get(Metrics.LOSS_BARRIER));
            }
        }
        List<CellResult> out = new ArrayList<>();
        for (CellResult c : results) {
            Double id = identity.get(c.modelSetId());
            Double own = c.metrics().get(Metrics.LOSS_BARRIER);
            if (id == null || own == null || id == 0 || "identity".equals(c.method())) {
                out.add(c);
                continue;
            }
            Map<String, Double> m = new LinkedHashMap<>(c.metrics());
            m.put(Metrics.BARRIER_REDUCTION, 100 * (id - own) / id);
            out.add(new CellResult(c.format(), c.key(), c.provenance(), c.architecture(), c.width(), c.kind(),
                    c.modelSeeds(), c.method(), c.matchingSeed(), m, c.permutation(), c.programVersion(),
                    c.seconds(), c.host()));
        }
        return out;
    }

    private static void taylor(List<SummaryRow> rows, String arch, String width, String method,
                               List<CellResult> g) {
        List<CellResult> mc = g.stream().filter(c -> c.method().equals(method)
                && c.metrics().containsKey(Metrics.TAYLOR_ESTIMATE)
                && c.metrics().containsKey(Metrics.TAYLOR_ACTUAL)).toList();
        if (mc.isEmpty()) {
            return;
        }
        rows.add(SummaryRow.of(arch, width, method, Metrics.TAYLOR_ESTIMATE + "-" + Metrics.TAYLOR_ACTUAL,
                Statistics.paired(values(mc, Metrics.TAYLOR_ESTIMATE), values(mc, Metrics.TAYLOR_ACTUAL))));
    }

    /** Paired over model sets, each method's value averaged over its matching seeds first. */
    private static void paired(List<SummaryRow> rows, String arch, String width, List<CellResult> g, String m1,
                               String m2, String metric) {
        Map<String, Double> x = perModelSet(g, m1, metric);
        Map<String, Double> y = perModelSet(g, m2, metric);
        List<String> sets = x.keySet().stream().filter(y::containsKey).toList();
        if (sets.isEmpty()) {
            return;
        }
        double[] xs = sets.stream().mapToDouble(x::get).toArray();
        double[] ys = sets.stream().mapToDouble(y::get).toArray();
        rows.add(SummaryRow.of(arch, width, m1 + " vs " + m2, metric, Statistics.paired(xs, ys)));
    }

    private static Map<String, Double> perModelSet(List<CellResult> g, String method, String metric) {
        return g.stream().filter(c -> c.method().equals(method) && c.metrics().containsKey(metric))
                .collect(Collectors.groupingBy(CellResult::modelSetId, TreeMap::new,
                        Collectors.averagingDouble(c -> c.metrics().get(metric))));
    }

    /**
     * Per pair of matching methods and permutation group: how many positions both permutations send to the same
     * unit of B ({@code rows:<group>}) and that count over the group size ({@code ratio:<group>}), over the
     * pairs and matching seeds both methods finished; {@code ratio:all} pools the groups.
     */
    private static void agreement(List<SummaryRow> rows, String arch, String width, List<CellResult> g,
                                  List<String> methods) {
        List<String> matching = methods.stream().filter(m -> !"identity".equals(m)).toList();
        for (int i = 0; i < matching.size(); i++) {
            for (int j = i + 1; j < matching.size(); j++) {
                Map<String, CellResult> first = byRun(g, matching.get(i));
                Map<String, CellResult> second = byRun(g, matching.get(j));
                Map<String, List<Double>> counts = new LinkedHashMap<>();
                Map<String, List<Double>> ratios = new LinkedHashMap<>();
                for (Map.Entry<String, CellResult> e : first.entrySet()) {
                    CellResult other = second.get(e.getKey());
                    if (other == null) {
                        continue;
                    }
                    long same = 0;
                    long size = 0;
                    for (Map.Entry<String, int[]> p : e.getValue().permutation().entrySet()) {
                        int[] q = other.permutation().get(p.getKey());
                        if (q == null || q.length != p.getValue().length) {
                            continue;
                        }
                        int rowsEqual = 0;
                        for (int k = 0; k < q.length; k++) {
                            rowsEqual += p.getValue()[k] == q[k] ? 1 : 0;
                        }
                        counts.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add((double) rowsEqual);
                        ratios.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add((double) rowsEqual / q.length);
                        same += rowsEqual;
                        size += q.length;
                    }
                    if (size > 0) {
                        ratios.computeIfAbsent("all", k -> new ArrayList<>()).add((double) same / size);
                    }
                }
                String label = matching.get(i) + "-" + matching.get(j);
                for (String group : counts.keySet()) {
                    rows.add(SummaryRow.of(SummaryRow.AGREEMENT, arch, width, label, "rows:" + group,
                            Statistics.describe(array(counts.get(group)))));
                    rows.add(SummaryRow.of(SummaryRow.AGREEMENT, arch, width, label, "ratio:" + group,
                            Statistics.describe(array(ratios.get(group)))));
                }
                if (ratios.containsKey("all")) {
                    rows.add(SummaryRow.of(SummaryRow.AGREEMENT, arch, width, label, "ratio:all",
                            Statistics.describe(array(ratios.get("all")))));
                }
            }
        }
    }

    private static Map<String, CellResult> byRun(List<CellResult> g, String method) {
        Map<String, CellResult> m = new LinkedHashMap<>();
        for (CellResult c : g) {
            if (c.method().equals(method) && !c.permutation().isEmpty()) {
                m.put(c.modelSetId() + "|" + c.matchingSeed(), c);
            }
        }
        return m;
    }

    private static Map<String, List<CellResult>> group(List<CellResult> cells, Function<CellResult, String> key) {
        Map<String, List<CellResult>> m = new LinkedHashMap<>();
        for (CellResult c : cells) {
            m.computeIfAbsent(key.apply(c), k -> new ArrayList<>()).add(c);
        }
        return m;
    }

    private static double[] values(List<CellResult> cells, String metric) {
        return cells.stream().filter(c -> c.metrics().containsKey(metric))
                .mapToDouble(c -> c.metrics().get(metric)).toArray();
    }

    private static double[] array(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
