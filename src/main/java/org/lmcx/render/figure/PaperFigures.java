package org.lmcx.render.figure;

import org.lmcx.analysis.Barrier;
import org.lmcx.analysis.Interpolation;
import org.lmcx.session.AlignmentMaps;
import org.lmcx.session.LandscapeGrid;
import org.lmcx.session.Run;
import org.lmcx.session.RunKey;
import org.lmcx.session.SessionData;
import org.lmcx.session.SpectrumSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figure types of the seed paper (Ito, Yamada &amp; Kumagai, ICLR 2025) for a session's runs: loss and
 * accuracy along the path with barriers; singular values per layer (A, B, π(B), merged; linear and log);
 * |UaᵀUb| / |VaᵀVb| before and after; alignment of the i-th singular vectors against their rank; the loss and
 * accuracy planes (git-re-basin's and the three-model plane). One {@link FigureSpec} each; the app's views and
 * {@code lmcx export} draw through here.
 */
public final class PaperFigures {

    private PaperFigures() {
    }

    /**
     * Every figure the session has data for: the path of all its finished runs (legend: each run's
     * distinguishing label) and, per run, its spectra, alignment maps and planes (file names carry the run's
     * label when more than one run has that figure); when two runs have planes, the first two side by side on one
     * colour scale.
     */
    public static List<FigureSpec> all(SessionData s, FigureOptions o) {
        List<FigureSpec> out = new ArrayList<>();
        List<Run> runs = s.runs().stream().filter(Run::ok).toList();
        List<String> labels = RunKey.labels(runs.stream().map(Run::key).toList());
        List<Interpolation.Result> curves = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Interpolation.Result c = runs.get(i).curve();
            if (c != null) {
                curves.add(new Interpolation.Result(labels.get(i), c.lambdas(), c.train(), c.test(), c.bnReset(),
                        c.seconds()));
            }
        }
        if (!curves.isEmpty()) {
            out.add(path(curves, o).withMeta("provenance", provenance(runs)));
        }
        long planes = runs.stream().filter(r -> r.landscape() != null).count();
        long threePlanes = runs.stream().filter(r -> r.threeLandscape() != null).count();
        long spectra = runs.stream().filter(r -> r.spectra() != null).count();
        long aligned = runs.stream().filter(r -> r.alignment() != null).count();
        boolean methodsDistinct = runs.stream().map(r -> r.key().method()).distinct().count() == runs.size();
        List<LandscapeGrid> grids = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            String name = methodsDistinct ? r.key().method() : labels.get(i);
            String suffix = "_" + FigureSpec.safe(name);
            for (SpectrumSet set : r.spectrumSets()) {
                for (boolean log : new boolean[]{false, true}) {
                    FigureSpec f = spectra(set, log);
                    out.add(rename(f, f.stem() + (spectra > 1 ? suffix : "")).withMeta("run", r.key().describe()));
                }
            }
            List<AlignmentMaps> maps = r.alignmentMaps();
            for (AlignmentMaps m : maps) {
                FigureSpec f = alignment(m, o);
                out.add(rename(f, "alignment_" + FigureSpec.safe(m.layer()) + "_" + m.side() + suffix)
                        .withMeta("run", r.key().describe()));
            }
            for (FigureSpec f : alignmentVsRank(maps)) {
                out.add(rename(f, f.stem() + (aligned > 1 ? suffix : "")).withMeta("run", r.key().describe()));
            }
            LandscapeGrid g = r.landscapeGrid();
            if (g != null) {
                grids.add(g);
                out.add(LandscapeFigures.lossAndAccuracy("landscape" + (planes > 1 ? suffix : ""), g, o)
                        .withMeta("run", r.key().describe()));
            }
            LandscapeGrid g3 = r.threeLandscapeGrid();
            if (g3 != null) {
                grids.add(g3);
                out.add(LandscapeFigures.lossAndAccuracy("landscape_three_models" + (threePlanes > 1 ? suffix : ""),
                        g3, o).withMeta("run", r.key().describe()));
            }
        }
        if (grids.size() >= 2) {
            out.add(LandscapeFigures.sideBySide("landscape_planes", grids.get(0), grids.get(1), o));
        }
        return out;
    }

    private static FigureSpec rename(FigureSpec f, String stem) {
        return new FigureSpec(stem, f.figure(), f.table(), f.meta());
    }

    /** Each run's full key (models by hash, data, method and options, seed, BN reset), for the sidecars. */
    public static List<String> provenance(List<Run> runs) {
        return runs.stream().map(r -> r.key().describe()).toList();
    }

    // ---- path ----------------------------------------------------------------------------------------

    /** Loss (left) and accuracy (right) along θ(λ): test solid, train thin dashed, barrier segments. */
    public static FigureSpec path(List<Interpolation.Result> runs, FigureOptions o) {
        List<Figure.Series> loss = new ArrayList<>();
        List<Figure.Series> acc = new ArrayList<>();
        List<Map<String, Object>> barriers = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Interpolation.Result r = runs.get(i);
            double[] x = r.lambdas();
            Interpolation.SplitCurve[] curves = {r.test(), r.train()};
            for (int k = 0; k < curves.length; k++) {
                Interpolation.SplitCurve c = curves[k];
                if (c == null) {
                    continue;
                }
                boolean test = k == 0;
                String split = test ? " test" : " train";
                Figure.Series l = Figure.Series.line(r.label() + split + quote(c.lossBarrier(), false), x, c.loss(), i);
                Figure.Series a = Figure.Series.line(r.label() + split + quote(c.accuracyBarrier(), true), x,
                        scale(c.accuracy(), 100), i);
                loss.add(test ? l : l.asSecondary());
                acc.add(test ? a : a.asSecondary());
                if (test) {
                    addSegment(loss, x, c.loss(), c.lossBarrier(), 1, i);
                    addSegment(acc, x, c.accuracy(), c.accuracyBarrier(), 100, i);
                }
                barriers.add(barrierMeta(r.label(), test ? "test" : "train", c));
            }
        }
        Figure.VLine lambda = Double.isNaN(o.lambda()) ? null
                : new Figure.VLine(String.format(Locale.ROOT, "λ = %.2f", o.lambda()), o.lambda());
        Figure.Axis lx = Figure.Axis.of("interpolation weight λ", null);
        Figure f = Figure.of("Loss and accuracy along the path A → π(B)",
                new Figure.Xy("Loss along the path", lx, Figure.Axis.of("cross-entropy loss", "nats").log(o.logLoss()),
                        loss, lambda),
                new Figure.Xy("Accuracy along the path", lx, Figure.Axis.of("accuracy", "%"), acc, lambda));
        Table.Builder t = new Table.Builder("run", "split", "lambda", "loss", "accuracy");
        for (Interpolation.Result r : runs) {
            Interpolation.SplitCurve[] curves = {r.train(), r.test()};
            for (int s = 0; s < curves.length; s++) {
                Interpolation.SplitCurve c = curves[s];
                if (c == null) {
                    continue;
                }
                double[] x = r.lambdas();
                for (int k = 0; k < x.length; k++) {
                    t.row(r.label(), s == 0 ? "train" : "test", x[k], c.loss()[k], c.accuracy()[k]);
                }
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("units", Map.of("loss", "nats (mean cross-entropy)", "accuracy", "fraction correct (figure: %)"));
        meta.put("barriers", barriers);
        meta.put("barrierDefinitions", Map.of("linear", Barrier.LINEAR, "mean", Barrier.MEAN));
        if (!Double.isNaN(o.lambda())) {
            meta.put("lambdaMarker", o.lambda());
        }
        return new FigureSpec("path_loss_accuracy", f, t.build(), meta);
    }

    private static Map<String, Object> barrierMeta(String method, String split, Interpolation.SplitCurve c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("split", split);
        put(m, "lossBarrier", c.lossBarrier());
        put(m, "lossBarrierMean", c.lossBarrierMean());
        put(m, "accuracyBarrier", c.accuracyBarrier());
        put(m, "accuracyBarrierMean", c.accuracyBarrierMean());
        return m;
    }

    private static void put(Map<String, Object> m, String key, Barrier b) {
        if (b != null) {
            m.put(key, Map.of("value", b.value(), "lambda", b.lambda()));
        }
    }

    private static void addSegment(List<Figure.Series> out, double[] x, double[] y, Barrier b, double k, int style) {
        if (b == null || x.length == 0) {
            return;
        }
        double[] seg = b.segment(x, y);
        out.add(new Figure.Series(null, new double[]{seg[0], seg[0]}, new double[]{seg[1] * k, seg[2] * k}, null,
                style, false, Figure.Kind.PLAIN, null));
    }


    private static String quote(Barrier b, boolean percent) {
        if (b == null) {
            return "";
        }
        return percent ? String.format(Locale.ROOT, " (B=%.2f %%)", 100 * b.value())
                : String.format(Locale.ROOT, " (B=%.3f)", b.value());
    }

    private static double[] scale(double[] v, double k) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = v[i] * k;
        }
        return o;
    }

    // ---- spectra -------------------------------------------------------------------------------------

    /** σᵢ against i (1 = largest) for every model of one layer. */
    public static FigureSpec spectra(SpectrumSet set, boolean log) {
        List<Figure.Series> ss = new ArrayList<>();
        Table.Builder t = new Table.Builder("layer", "model", "index", "singular_value");
        for (int i = 0; i < set.series().size(); i++) {
            SpectrumSet.Series ser = set.series().get(i);
            double[] v = ser.values();
            double[] x = new double[v.length];
            for (int k = 0; k < v.length; k++) {
                x[k] = k + 1;
                t.row(set.layer(), ser.label(), k + 1, v[k]);
            }
            ss.add(Figure.Series.line(ser.label(), x, v, i));
        }
        Figure f = Figure.of("Singular values of " + set.layer(), Figure.Xy.of("Singular values of " + set.layer(),
                Figure.Axis.of("index i (1 = largest)", null).integerTicks(),
                Figure.Axis.of("singular value σᵢ", null).log(log), ss));
        String stem = "spectra_" + FigureSpec.safe(set.layer()) + (log ? "_log" : "");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("layer", set.layer());
        meta.put("scale", log ? "log" : "linear");
        meta.put("note", "σ(π(B)) = σ(B): a permutation is orthogonal");
        return new FigureSpec(stem, f, log ? null : t.build(), meta);
    }

    // ---- alignment -----------------------------------------------------------------------------------

    /** Before and after side by side, one colour scale ([0, 1], or fitted to both maps). */
    public static FigureSpec alignment(AlignmentMaps m, FigureOptions o) {
        String vec = "left".equals(m.side()) ? "|UaᵀUb|" : "|VaᵀVb|";
        String quantity = "|cos| of singular vectors";
        Figure.ColourScale s = o.alignmentFitData()
                ? Figure.ColourScale.of(quantity, m.before(), Double.NaN, false)
                .union(Figure.ColourScale.of(quantity, m.after(), Double.NaN, false))
                : new Figure.ColourScale(quantity, 0, 1, false, 0, 1);
        Figure.Heat before = heat(String.format(Locale.ROOT, "%s before (diag. %.2f)", vec,
                AlignmentMaps.diagonalMean(m.before())), m.before(), s);
        Figure.Heat after = heat(String.format(Locale.ROOT, "%s after %s (diag. %.2f)", vec, m.method(),
                AlignmentMaps.diagonalMean(m.after())), m.after(), s);
        Figure f = Figure.of(vec + " of " + m.layer(), before, after);
        Table.Builder t = new Table.Builder("layer", "side", "method", "when", "i", "j", "abs_cosine");
        for (int w = 0; w < 2; w++) {
            double[][] a = w == 0 ? m.before() : m.after();
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[i].length; j++) {
                    t.row(m.layer(), m.side(), m.method(), w == 0 ? "before" : "after", i, j, a[i][j]);
                }
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("layer", m.layer());
        meta.put("side", m.side());
        meta.put("method", m.method());
        meta.put("i", "rank of the singular vector of A (0 = largest σ)");
        meta.put("j", "rank of the singular vector of B (0 = largest σ)");
        meta.put("colourScale", LandscapeFigures.scaleMeta(s));
        String stem = "alignment_" + FigureSpec.safe(m.layer()) + "_" + m.side() + "_" + FigureSpec.safe(m.method());
        return new FigureSpec(stem, f, t.build(), meta);
    }

    static Figure.Heat heat(String title, double[][] z, Figure.ColourScale s) {
        int rows = z.length;
        int cols = rows == 0 ? 0 : z[0].length;
        return Figure.Heat.of(title, Figure.Axis.of("direction j of B (by σ rank)", null).integerTicks(),
                Figure.Axis.of("direction i of A", null).integerTicks(), indices(cols), indices(rows), z, s, List.of());
    }

    static double[] indices(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    /**
     * The paper's point in one plot per layer: |⟨aᵢ, bᵢ⟩| of the i-th singular vectors against the rank i, before
     * matching and after each method (left and right vectors side by side). WM lifts the large-σ ranks first.
     */
    public static List<FigureSpec> alignmentVsRank(List<AlignmentMaps> maps) {
        Map<String, List<AlignmentMaps>> byLayer = new LinkedHashMap<>();
        for (AlignmentMaps m : maps) {
            byLayer.computeIfAbsent(m.layer(), k -> new ArrayList<>()).add(m);
        }
        List<FigureSpec> out = new ArrayList<>();
        for (Map.Entry<String, List<AlignmentMaps>> e : byLayer.entrySet()) {
            List<Figure.Panel> panels = new ArrayList<>();
            Table.Builder t = new Table.Builder("layer", "side", "method", "when", "rank", "abs_cosine");
            for (String side : new String[]{"left", "right"}) {
                List<Figure.Series> ss = new ArrayList<>();
                boolean beforeDone = false;
                int style = 0;
                for (AlignmentMaps m : e.getValue()) {
                    if (!side.equals(m.side())) {
                        continue;
                    }
                    if (!beforeDone) {
                        double[] d = diagonal(m.before());
                        ss.add(Figure.Series.line("before matching", ranks(d.length), d, 6));
                        rows(t, m, "before", d);
                        beforeDone = true;
                    }
                    double[] d = diagonal(m.after());
                    ss.add(Figure.Series.line("after " + m.method(), ranks(d.length), d, style++));
                    rows(t, m, "after", d);
                }
                if (!ss.isEmpty()) {
                    panels.add(Figure.Xy.of("left".equals(side) ? "left vectors |⟨uaᵢ, ubᵢ⟩|" : "right vectors |⟨vaᵢ, vbᵢ⟩|",
                            Figure.Axis.of("rank i (1 = largest σ)", null).integerTicks(),
                            Figure.Axis.of("|cos| of i-th singular vectors", null).range(0, 1.02), ss));
                }
            }
            if (!panels.isEmpty()) {
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("layer", e.getKey());
                meta.put("rank", "1 = largest singular value");
                out.add(new FigureSpec("alignment_vs_rank_" + FigureSpec.safe(e.getKey()),
                        new Figure("Singular-vector alignment by rank, " + e.getKey(), panels), t.build(), meta));
            }
        }
        return out;
    }

    private static void rows(Table.Builder t, AlignmentMaps m, String when, double[] d) {
        for (int i = 0; i < d.length; i++) {
            t.row(m.layer(), m.side(), "before".equals(when) ? "none" : m.method(), when, i + 1, d[i]);
        }
    }

    private static double[] diagonal(double[][] m) {
        int k = m.length == 0 ? 0 : Math.min(m.length, m[0].length);
        double[] d = new double[k];
        for (int i = 0; i < k; i++) {
            d[i] = m[i][i];
        }
        return d;
    }

    private static double[] ranks(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i + 1;
        }
        return v;
    }
}
