package org.lmcx.render;

import org.lmcx.session.AlignmentMaps;
import org.lmcx.session.Run;
import org.lmcx.session.RunKey;
import org.lmcx.session.SessionData;

import org.lmcx.analysis.Barrier;
import org.lmcx.analysis.Interpolation;
import org.lmcx.analysis.ThreeModels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-method summary: matching objective, sweeps, time, L2 distance before/after, loss and accuracy
 * barriers on train and test, and the mean diagonal alignment after matching. One row per run; the GUI's
 * Summary tab, its clipboard copy (tab-separated) and the exported CSV are all built from {@link #rows}.
 */
public final class SummaryTable {

    public static final List<String> HEADER = List.of("run", "objective", "objective (identity)", "sweeps",
            "time (s)", "L2 before", "L2 after", "test loss barrier", "test acc barrier (%)", "train loss barrier",
            "train acc barrier (%)", "mean-barrier test loss", "alignment diag. mean after");

    /** Columns of the three-model table (paper Tables 4/5): one row per method and pair. */
    public static final List<String> THREE_HEADER = List.of("run", "pair", "matched", "test loss barrier",
            "test acc barrier (%)", "train loss barrier", "train acc barrier (%)");

    private SummaryTable() {
    }

    /** The three-model table: for each run a–π(b), a–π(c), π(b)–π(c) (and unmatched pairs if run). */
    public static List<List<String>> threeRows(SessionData s) {
        List<Run> runs = s.runs().stream().filter(r -> r.ok()).toList();
        List<String> labels = RunKey.labels(runs.stream().map(Run::key).toList());
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).three() == null) {
                continue;
            }
            for (ThreeModels.Pair p : runs.get(i).three().pairs()) {
                Interpolation.Result c = p.curve();
                Interpolation.SplitCurve te = c == null ? null : c.test();
                Interpolation.SplitCurve tr = c == null ? null : c.train();
                List<String> row = new ArrayList<>();
                row.add(labels.get(i));
                row.add(p.label());
                row.add(p.matched() ? "yes" : "no");
                row.add(te == null ? "" : barrier(te.lossBarrier(), 1));
                row.add(te == null ? "" : barrier(te.accuracyBarrier(), 100));
                row.add(tr == null ? "" : barrier(tr.lossBarrier(), 1));
                row.add(tr == null ? "" : barrier(tr.accuracyBarrier(), 100));
                out.add(row);
            }
        }
        return out;
    }

    /** One row per run of the session, labelled; a failed run shows its failure and no numbers. */
    public static List<List<String>> rows(SessionData s) {
        List<Run> runs = s.runs();
        List<String> labels = RunKey.labels(runs.stream().map(Run::key).toList());
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            List<String> row = new ArrayList<>();
            row.add(labels.get(i));
            if (!r.ok()) {
                row.add("FAILED: " + r.failure());
                while (row.size() < HEADER.size()) {
                    row.add("");
                }
                out.add(row);
                continue;
            }
            Interpolation.Result c = r.curve();
            Interpolation.SplitCurve te = c == null ? null : c.test();
            Interpolation.SplitCurve tr = c == null ? null : c.train();
            row.add(fmt(r.match().objective(), "%.6g"));
            row.add(fmt(r.match().identityObjective(), "%.6g"));
            row.add(Integer.toString(r.match().sweeps()));
            row.add(fmt(r.match().seconds(), "%.3f"));
            row.add(fmt(r.match().l2Before(), "%.4f"));
            row.add(fmt(r.match().l2After(), "%.4f"));
            row.add(te == null ? "" : barrier(te.lossBarrier(), 1));
            row.add(te == null ? "" : barrier(te.accuracyBarrier(), 100));
            row.add(tr == null ? "" : barrier(tr.lossBarrier(), 1));
            row.add(tr == null ? "" : barrier(tr.accuracyBarrier(), 100));
            row.add(te == null ? "" : barrier(te.lossBarrierMean(), 1));
            row.add(alignment(r));
            out.add(row);
        }
        return out;
    }

    private static String alignment(Run r) {
        double mean = AlignmentMaps.meanDiagonalAfter(r.alignmentMaps());
        return Double.isNaN(mean) ? "" : String.format(Locale.ROOT, "%.3f", mean);
    }

    private static String barrier(Barrier b, double scale) {
        return b == null ? "" : String.format(Locale.ROOT, "%.4f @ λ=%.2f", b.value() * scale, b.lambda());
    }

    private static String fmt(double v, String f) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, f, v) : "";
    }

    /**
     * Tab-separated, header first: pastes into a spreadsheet as a table; the three-model table follows after
     * an empty line when there is one.
     */
    public static String tsv(SessionData s) {
        StringBuilder sb = new StringBuilder(String.join("\t", HEADER)).append('\n');
        for (List<String> row : rows(s)) {
            sb.append(String.join("\t", row)).append('\n');
        }
        List<List<String>> three = threeRows(s);
        if (!three.isEmpty()) {
            sb.append('\n').append(String.join("\t", THREE_HEADER)).append('\n');
            for (List<String> row : three) {
                sb.append(String.join("\t", row)).append('\n');
            }
        }
        return sb.toString();
    }

    public static String csv(SessionData s) {
        List<List<String>> all = new ArrayList<>();
        all.add(HEADER);
        all.addAll(rows(s));
        return csv(all);
    }

    /** The three-model table as CSV, or null when the session has no three-model runs. */
    public static String threeCsv(SessionData s) {
        List<List<String>> rows = threeRows(s);
        if (rows.isEmpty()) {
            return null;
        }
        List<List<String>> all = new ArrayList<>();
        all.add(THREE_HEADER);
        all.addAll(rows);
        return csv(all);
    }

    private static String csv(List<List<String>> all) {
        StringBuilder sb = new StringBuilder();
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(Csv.field(row.get(i)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
