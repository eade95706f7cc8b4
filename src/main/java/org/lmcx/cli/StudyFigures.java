package org.lmcx.cli;

import org.lmcx.render.figure.Figure;
import org.lmcx.render.figure.FigureFiles;
import org.lmcx.render.figure.FigureSpec;
import org.lmcx.render.figure.FigureTheme;
import org.lmcx.render.figure.Table;
import org.lmcx.study.Metrics;
import org.lmcx.study.Summary;
import org.lmcx.study.SummaryRow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The figures and tables of a study (Ito et al.'s population plots), built from its summary rows and written
 * with render's figure export (PNG, SVG, PDF and the CSV behind each). Error bars are one standard deviation
 * over the cells, as in the paper.
 */
final class StudyFigures {

    private static final FigureTheme THEME = FigureTheme.ONE_COLUMN.withSize(4.5, 3.0);

    private StudyFigures() {
    }

    static List<Path> write(Summary s, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (FigureSpec f : all(s)) {
            out.addAll(FigureFiles.write(f, dir, THEME, FigureFiles.ALL));
        }
        return out;
    }

    static List<FigureSpec> all(Summary s) {
        List<FigureSpec> out = new ArrayList<>();
        for (String arch : values(s, r -> r.architecture())) {
            Summary a = new Summary(s.study(), s.cellsFinished(), s.cellsTotal(),
                    s.rows().stream().filter(r -> r.architecture().equals(arch)).toList());
            String p = arch + "_";
            out.add(byWidth(a, p + "barrier_vs_width", "loss barrier vs width", Metrics.LOSS_BARRIER,
                    "test loss barrier", methods(a, Metrics.LOSS_BARRIER)));
            out.add(reductions(a, p + "l2_vs_barrier_reduction"));
            out.add(taylor(a, p + "taylor_estimate_vs_actual"));
            out.add(threeModels(a, p + "three_models"));
            out.add(agreement(a, p + "permutation_agreement"));
            out.add(largeSvRatio(a, p + "large_sv_ratio_vs_width"));
            out.add(byWidth(a, p + "hidden_inner_vs_width", "hidden inputs · top right singular vectors",
                    Metrics.HIDDEN, "mean |⟨vᵢ, z/‖z‖⟩|, top k", List.of(firstMethod(a))));
            out.add(largeSvVsMergedLoss(a, p + "large_sv_vs_merged_loss"));
        }
        return out;
    }

    /** Mean ± std of one metric against the width, one series per method (label "models" for model properties). */
    private static FigureSpec byWidth(Summary s, String stem, String title, String metric, String yLabel,
                                      List<String> methods) {
        List<Figure.Series> series = new ArrayList<>();
        Table.Builder t = new Table.Builder("method", "width", "n", "mean", "std", "ci95_low", "ci95_high");
        int style = 0;
        for (String m : methods) {
            List<SummaryRow> rows = rows(s, SummaryRow.METRIC, m, metric);
            if (rows.isEmpty()) {
                continue;
            }
            String label = methods.size() == 1 && !metric.equals(Metrics.LOSS_BARRIER) ? "models" : m;
            series.add(Figure.Series.line(label, widths(rows), means(rows), style++).withErrors(stds(rows)));
            rows.forEach(r -> t.row(m, r.width(), r.n(), r.mean(), r.std(), r.ciLow(), r.ciHigh()));
        }
        return FigureSpec.of(stem, Figure.of(title, Figure.Xy.of(title, widthAxis(), Figure.Axis.of(yLabel, null),
                series)), t.build()).withMeta("errorBars", "± one standard deviation over cells");
    }

    /** Ito et al. Fig. 10: the share of large singular values, and the cut-off-free stable rank over the width. */
    private static FigureSpec largeSvRatio(Summary s, String stem) {
        String m = firstMethod(s);
        List<SummaryRow> ratio = rows(s, SummaryRow.METRIC, m, Metrics.LARGE_SV_RATIO);
        List<SummaryRow> stable = rows(s, SummaryRow.METRIC, m, Metrics.STABLE_RANK);
        double[] w = widths(stable);
        double[] sr = means(stable);
        double[] srErr = stds(stable);
        for (int i = 0; i < w.length; i++) {
            sr[i] /= w[i];
            srErr[i] /= w[i];
        }
        Table.Builder t = new Table.Builder("width", "n", "large_sv_ratio_mean", "large_sv_ratio_std",
                "stable_rank_mean", "stable_rank_std");
        for (SummaryRow r : ratio) {
            SummaryRow st = s.find(SummaryRow.METRIC, r.width(), m, Metrics.STABLE_RANK);
            t.row(r.width(), r.n(), r.mean(), r.std(), mean(st), std(st));
        }
        List<Figure.Series> series = List.of(
                Figure.Series.line("large σ / rank", widths(ratio), means(ratio), 0).withErrors(stds(ratio)),
                Figure.Series.line("stable rank / width", w, sr, 1).withErrors(srErr));
        String title = "large singular values vs width (models A, B)";
        return FigureSpec.of(stem, Figure.of(title, Figure.Xy.of(title, widthAxis(),
                Figure.Axis.of("share of the rank", null).range(0, 1), series)), t.build());
    }

    private static FigureSpec reductions(Summary s, String stem) {
        List<Figure.Series> series = new ArrayList<>();
        Table.Builder t = new Table.Builder("method", "width", "l2_reduction_pct", "barrier_reduction_pct",
                "barrier_reduction_std");
        int style = 1;
        for (String m : methods(s, Metrics.BARRIER_REDUCTION)) {
            List<SummaryRow> red = rows(s, SummaryRow.METRIC, m, Metrics.BARRIER_REDUCTION);
            double[] x = new double[red.size()];
            for (int i = 0; i < red.size(); i++) {
                SummaryRow l2 = s.find(SummaryRow.METRIC, red.get(i).width(), m, Metrics.L2_REDUCTION);
                x[i] = l2 == null ? Double.NaN : l2.mean();
                t.row(m, red.get(i).width(), x[i], red.get(i).mean(), red.get(i).std());
            }
            series.add(Figure.Series.line(m, x, means(red), style++).withErrors(stds(red))
                    .as(Figure.Kind.POINTS));
        }
        String title = "L2 reduction vs barrier reduction (points: widths)";
        return FigureSpec.of(stem, Figure.of(title, Figure.Xy.of(title, Figure.Axis.of("L2 distance reduction", "%"),
                Figure.Axis.of("loss barrier reduction", "%"), series)), t.build());
    }

    private static FigureSpec taylor(Summary s, String stem) {
        List<Figure.Series> series = new ArrayList<>();
        Table.Builder t = new Table.Builder("method", "width", "n", "estimate", "actual", "diff_mean", "diff_std",
                "t", "p_value", "significant_at_0.05");
        int style = 0;
        for (String m : methods(s, Metrics.TAYLOR_ESTIMATE)) {
            List<SummaryRow> est = rows(s, SummaryRow.METRIC, m, Metrics.TAYLOR_ESTIMATE);
            List<SummaryRow> act = rows(s, SummaryRow.METRIC, m, Metrics.TAYLOR_ACTUAL);
            series.add(Figure.Series.line(m + " actual", widths(act), means(act), style).withErrors(stds(act)));
            series.add(Figure.Series.line(m + " Taylor", widths(est), means(est), style++).withErrors(stds(est))
                    .asSecondary());
            for (SummaryRow e : est) {
                SummaryRow a = s.find(SummaryRow.METRIC, e.width(), m, Metrics.TAYLOR_ACTUAL);
                SummaryRow d = s.find(SummaryRow.TEST, e.width(), m,
                        Metrics.TAYLOR_ESTIMATE + "-" + Metrics.TAYLOR_ACTUAL);
                t.row(m, e.width(), e.n(), e.mean(), a == null ? Double.NaN : a.mean(),
                        d == null ? Double.NaN : d.mean(), d == null ? Double.NaN : d.std(),
                        d == null ? Double.NaN : d.statistic(), d == null ? Double.NaN : d.pValue(),
                        d != null && d.pValue() < 0.05 ? "yes" : "no");
            }
        }
        String title = "Taylor estimate vs actual midpoint barrier";
        return FigureSpec.of(stem, Figure.of(title, Figure.Xy.of(title, widthAxis(),
                Figure.Axis.of("midpoint barrier (test loss)", null), series)), t.build())
                .withMeta("test", "paired t-test of estimate vs actual per method and width, two-sided");
    }

    private static FigureSpec threeModels(Summary s, String stem) {
        List<Figure.Series> series = new ArrayList<>();
        Table.Builder t = new Table.Builder("method", "width", "n", "a_pb_mean", "a_pb_std", "a_pc_mean",
                "a_pc_std", "pb_pc_mean", "pb_pc_std", "p_value");
        int style = 0;
        for (String m : methods(s, Metrics.THREE_PB_PC)) {
            List<SummaryRow> pbpc = rows(s, SummaryRow.METRIC, m, Metrics.THREE_PB_PC);
            series.add(Figure.Series.line(m, widths(pbpc), means(pbpc), style++).withErrors(stds(pbpc)));
            for (SummaryRow r : pbpc) {
                SummaryRow ab = s.find(SummaryRow.METRIC, r.width(), m, Metrics.THREE_A_PB);
                SummaryRow ac = s.find(SummaryRow.METRIC, r.width(), m, Metrics.THREE_A_PC);
                t.row(m, r.width(), r.n(), mean(ab), std(ab), mean(ac), std(ac), r.mean(), r.std(), Double.NaN);
            }
        }
        for (SummaryRow r : s.rows()) {
            if (r.kind().equals(SummaryRow.TEST) && r.metric().equals(Metrics.THREE_PB_PC)) {
                // the paired test's row: pb_pc columns hold the mean and std of the difference
                t.row(r.method().replace(" vs ", "-") + " difference", r.width(), r.n(), Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, r.mean(), r.std(), r.pValue());
            }
        }
        String title = "three models: π(b)–π(c) barrier";
        return FigureSpec.of(stem, Figure.of(title, Figure.Xy.of(title, widthAxis(),
                Figure.Axis.of("test loss barrier π(b)–π(c)", null), series)), t.build());
    }

    private static FigureSpec agreement(Summary s, String stem) {
        List<Figure.Series> series = new ArrayList<>();
        Table.Builder t = new Table.Builder("methods", "width", "group", "n", "rows_mean", "rows_std",
                "ratio_mean", "ratio_std");
        int style = 0;
        for (String pair : values(s, r -> r.kind().equals(SummaryRow.AGREEMENT) ? r.method() : null)) {
            List<SummaryRow> all = rows(s, SummaryRow.AGREEMENT, pair, "ratio:all");
            series.add(Figure.Series.line(pair, widths(all), means(all), style++).withErrors(stds(all)));
            for (SummaryRow r : s.rows()) {
                if (r.kind().equals(SummaryRow.AGREEMENT) && r.method().equals(pair)
                        && r.metric().startsWith("rows:")) {
                    String group = r.metric().substring(5);
                    SummaryRow ratio = s.find(SummaryRow.AGREEMENT, r.width(), pair, "ratio:" + group);
                    t.row(pair, r.width(), group, r.n(), r.mean(), r.std(), mean(ratio), std(ratio));
                }
            }
        }
        String title = "permutation agreement between methods";
        return FigureSpec.of(stem, Figure.of(title, Figure.Xy.of(title, widthAxis(),
                Figure.Axis.of("share of rows both methods match alike", null).range(0, 1), series)), t.build());
    }

    private static FigureSpec largeSvVsMergedLoss(Summary s, String stem) {
        List<Figure.Series> series = new ArrayList<>();
        Table.Builder t = new Table.Builder("method", "width", "large_sv_count_merged", "merged_test_loss");
        int style = 0;
        for (String m : methods(s, Metrics.LARGE_SV_COUNT_MERGED)) {
            List<SummaryRow> count = rows(s, SummaryRow.METRIC, m, Metrics.LARGE_SV_COUNT_MERGED);
            double[] y = new double[count.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = mean(s.find(SummaryRow.METRIC, count.get(i).width(), m, Metrics.MERGED_LOSS));
                t.row(m, count.get(i).width(), count.get(i).mean(), y[i]);
            }
            series.add(Figure.Series.line(m, means(count), y, style++).as(Figure.Kind.POINTS));
        }
        String title = "large singular values of the merged model vs its loss";
        return FigureSpec.of(stem, Figure.of(title, Figure.Xy.of(title,
                Figure.Axis.of("large singular values of the merged model (hidden layers)", null),
                Figure.Axis.of("merged model test loss (λ = 0.5)", null), series)), t.build());
    }

    private static Figure.Axis widthAxis() {
        return Figure.Axis.of("width", null).log(true);
    }

    private static List<SummaryRow> rows(Summary s, String kind, String method, String metric) {
        return s.rows().stream().filter(r -> r.kind().equals(kind) && r.method().equals(method)
                && r.metric().equals(metric)).toList();
    }

    private static List<String> methods(Summary s, String metric) {
        return values(s, r -> r.kind().equals(SummaryRow.METRIC) && r.metric().equals(metric) ? r.method() : null);
    }

    private static String firstMethod(Summary s) {
        return s.rows().isEmpty() ? "identity" : s.rows().get(0).method();
    }

    private static List<String> values(Summary s, java.util.function.Function<SummaryRow, String> f) {
        Set<String> out = new LinkedHashSet<>();
        s.rows().forEach(r -> {
            String v = f.apply(r);
            if (v != null) {
                out.add(v);
            }
        });
        return List.copyOf(out);
    }

    private static double[] widths(List<SummaryRow> rows) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r.width())).toArray();
    }

    private static double[] means(List<SummaryRow> rows) {
        return rows.stream().mapToDouble(SummaryRow::mean).toArray();
    }

    private static double[] stds(List<SummaryRow> rows) {
        return rows.stream().mapToDouble(r -> Double.isFinite(r.std()) ? r.std() : 0).toArray();
    }

    private static double mean(SummaryRow r) {
        return r == null ? Double.NaN : r.mean();
    }

    private static double std(SummaryRow r) {
        return r == null ? Double.NaN : r.std();
    }
}
