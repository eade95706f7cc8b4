package org.lmcx.app;

import org.lmcx.analysis.Barrier;
import org.lmcx.analysis.Interpolation;
import org.lmcx.analysis.ThreeModels;
import org.lmcx.session.AlignmentMaps;
import org.lmcx.session.Run;
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
    record ThreeRow(Run run, ThreeModels.Pair pair) {
        /**
         * True only for a pair the method matched: a–π(b) and a–π(c) of a permuting method; π(b)–π(c) were each
         * matched to A, never to each other, and the identity matches nothing.
         */
        boolean matched() {
            return pair.matched() && !"identity".equals(run.key().method()) && !pair.label().startsWith("π(b)");
        }
    }

    static final List<Column<Run>> PAIR = List.of(
            new Column<>("run", Run::label),
            new Column<>("method", r -> r.key().method()),
            new Column<>("seed", r -> r.key().seed()),
            new Column<>("BN reset", r -> r.key().bnReset()),
            new Column<>("objective", r -> num(r.match().objective())),
            new Column<>("objective (identity)", r -> num(r.match().identityObjective())),
            new Column<>("sweeps", r -> r.match().sweeps()),
            new Column<>("time (s)", r -> num(r.seconds())),
            new Column<>("L2 before", r -> num(r.match().l2Before())),
            new Column<>("L2 after", r -> num(r.match().l2After())),
            new Column<>("test loss barrier", r -> value(test(r.curve()), Interpolation.SplitCurve::lossBarrier, 1)),
            new Column<>("λ (test loss)", r -> at(test(r.curve()), Interpolation.SplitCurve::lossBarrier)),
            new Column<>("test acc barrier (%)", r -> value(test(r.curve()), Interpolation.SplitCurve::accuracyBarrier, 100)),
            new Column<>("λ (test acc)", r -> at(test(r.curve()), Interpolation.SplitCurve::accuracyBarrier)),
            new Column<>("train loss barrier", r -> value(train(r.curve()), Interpolation.SplitCurve::lossBarrier, 1)),
            new Column<>("λ (train loss)", r -> at(train(r.curve()), Interpolation.SplitCurve::lossBarrier)),
            new Column<>("train acc barrier (%)", r -> value(train(r.curve()), Interpolation.SplitCurve::accuracyBarrier, 100)),
            new Column<>("λ (train acc)", r -> at(train(r.curve()), Interpolation.SplitCurve::accuracyBarrier)),
            new Column<>("mean-barrier test loss", r -> value(test(r.curve()), Interpolation.SplitCurve::lossBarrierMean, 1)),
            new Column<>("alignment diag. mean after", SummaryRows::alignment));

    static final List<Column<ThreeRow>> THREE = List.of(
            new Column<>("run", r -> r.run().label()),
            new Column<>("method", r -> r.run().key().method()),
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

    static List<ThreeRow> threeRows(List<Run> runs) {
        List<ThreeRow> out = new ArrayList<>();
        for (Run r : runs) {
            if (r.three() != null) {
                r.three().pairs().forEach(p -> out.add(new ThreeRow(r, p)));
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

    private static Double alignment(Run r) {
        double mean = AlignmentMaps.meanDiagonalAfter(r.alignmentMaps());
        return Double.isNaN(mean) ? null : mean;
    }
}
