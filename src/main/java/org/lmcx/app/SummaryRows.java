package org.lmcx.app;

import org.lmcx.analysis.Barrier;
import org.lmcx.analysis.Interpolation;
import org.lmcx.analysis.ThreeModels;
import org.lmcx.session.AlignmentMaps;
import org.lmcx.render.Csv;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The Summary tab's two tables as typed columns: numbers stay numbers (sortable, pasted as numbers), a
 * barrier and its λ are separate columns, and each row names the run that produced it.
 */
final class SummaryRows {

    /** One column: header and the cell of a row (Double, Integer, Boolean or String; null when absent). */
    record Column<R>(String header, Function<R, Object> value) {
    }

    /** One row of the three-model table: a pair of a three-model run. */
    record ThreeRow(RunEntry run, ThreeModels.Pair pair) {
        /** True only where the method permuted both ends towards each other: a–π(b), a–π(c), not identity. */
        boolean matched() {
            return pair.matched() && !"identity".equals(run.method()) && !pair.label().startsWith("π(b)");
        }
    }

    static final List<Column<RunEntry>> PAIR = List.of(
            new Column<>("run", RunEntry::label),
            new Column<>("method", RunEntry::method),
            new Column<>("seed", r -> r.key().seed()),
            new Column<>("BN reset", r -> r.key().bnReset()),
            new Column<>("objective", r -> num(r.pair().match().objective())),
            new Column<>("objective (identity)", r -> num(r.pair().match().identityObjective())),
            new Column<>("sweeps", r -> r.pair().match().sweeps()),
            new Column<>("time (s)", r -> num(r.pair().match().seconds())),
            new Column<>("L2 before", r -> num(r.pair().match().l2Before())),
            new Column<>("L2 after", r -> num(r.pair().match().l2After())),
            new Column<>("test loss barrier", r -> value(test(r.pair().curve()), Interpolation.SplitCurve::lossBarrier, 1)),
            new Column<>("λ (test loss)", r -> at(test(r.pair().curve()), Interpolation.SplitCurve::lossBarrier)),
            new Column<>("test acc barrier (%)", r -> value(test(r.pair().curve()), Interpolation.SplitCurve::accuracyBarrier, 100)),
            new Column<>("λ (test acc)", r -> at(test(r.pair().curve()), Interpolation.SplitCurve::accuracyBarrier)),
            new Column<>("train loss barrier", r -> value(train(r.pair().curve()), Interpolation.SplitCurve::lossBarrier, 1)),
            new Column<>("λ (train loss)", r -> at(train(r.pair().curve()), Interpolation.SplitCurve::lossBarrier)),
            new Column<>("train acc barrier (%)", r -> value(train(r.pair().curve()), Interpolation.SplitCurve::accuracyBarrier, 100)),
            new Column<>("λ (train acc)", r -> at(train(r.pair().curve()), Interpolation.SplitCurve::accuracyBarrier)),
            new Column<>("mean-barrier test loss", r -> value(test(r.pair().curve()), Interpolation.SplitCurve::lossBarrierMean, 1)),
            new Column<>("alignment diag. mean after", SummaryRows::alignment));

    static final List<Column<ThreeRow>> THREE = List.of(
            new Column<>("run", r -> r.run().label()),
            new Column<>("method", r -> r.run().method()),
            new Column<>("seed", r -> r.run().key().seed()),
            new Column<>("pair", r -> r.pair().label()),
            new Column<>("matched", ThreeRow::matched),
            new Column<>("test loss barrier", r -> value(test(r.pair().curve()), Interpolation.SplitCurve::lossBarrier, 1)),
            new Column<>("λ (test loss)", r -> at(test(r.pair().curve()), Interpolation.SplitCurve::lossBarrier)),
            new Column<>("test acc barrier (%)", r -> value(test(r.pair().curve()), Interpolation.SplitCurve::accuracyBarrier, 100)),
            new Column<>("train loss barrier", r -> value(train(r.pair().curve()), Interpolation.SplitCurve::lossBarrier, 1)),
            new Column<>("train acc barrier (%)", r -> value(train(r.pair().curve()), Interpolation.SplitCurve::accuracyBarrier, 100)));

    private SummaryRows() {
    }

    static List<ThreeRow> threeRows(List<RunEntry> runs) {
        List<ThreeRow> out = new ArrayList<>();
        for (RunEntry r : runs) {
            if (r.isThree()) {
                r.three().three().pairs().forEach(p -> out.add(new ThreeRow(r, p)));
            }
        }
        return out;
    }

    /** Tab-separated: header line, then one line per row; numbers in full precision, empty where none. */
    static <R> String tsv(List<Column<R>> columns, List<R> rows) {
        return table(columns, rows, "\t", s -> s.replace('\t', ' '));
    }

    /** The same table as CSV (a header line, no comments), for the Summary export. */
    static <R> String csv(List<Column<R>> columns, List<R> rows) {
        return table(columns, rows, ",", Csv::field);
    }

    private static <R> String table(List<Column<R>> columns, List<R> rows, String sep,
                                    java.util.function.UnaryOperator<String> quote) {
        StringBuilder sb = new StringBuilder(String.join(sep,
                columns.stream().map(c -> quote.apply(c.header())).toList()));
        sb.append('\n');
        for (R r : rows) {
            for (int i = 0; i < columns.size(); i++) {
                Object v = columns.get(i).value().apply(r);
                sb.append(i == 0 ? "" : sep).append(v == null ? "" : quote.apply(String.valueOf(v)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Interpolation.SplitCurve test(Interpolation.Result c) {
        return c == null ? null : c.test();
    }

    private static Interpolation.SplitCurve train(Interpolation.Result c) {
        return c == null ? null : c.train();
    }

    private static Double value(Interpolation.SplitCurve c, Function<Interpolation.SplitCurve, Barrier> which,
                                double scale) {
        Barrier b = c == null ? null : which.apply(c);
        return b == null ? null : num(b.value() * scale);
    }

    private static Double at(Interpolation.SplitCurve c, Function<Interpolation.SplitCurve, Barrier> which) {
        Barrier b = c == null ? null : which.apply(c);
        return b == null ? null : num(b.lambda());
    }

    private static Double alignment(RunEntry r) {
        double sum = 0;
        int n = 0;
        for (AlignmentMaps m : r.alignment()) {
            double d = AlignmentMaps.diagonalMean(m.after());
            if (Double.isFinite(d)) {
                sum += d;
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }
}
