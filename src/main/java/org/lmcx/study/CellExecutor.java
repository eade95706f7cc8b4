package org.lmcx.study;

import org.lmcx.analysis.Alignment;
import org.lmcx.analysis.HiddenInputAlignment;
import org.lmcx.analysis.Interpolation;
import org.lmcx.analysis.Spectra;
import org.lmcx.analysis.TaylorEstimate;
import org.lmcx.analysis.ThreeModels;
import org.lmcx.io.CheckpointLoader;
import org.lmcx.match.MatchContext;
import org.lmcx.match.MatchResult;
import org.lmcx.match.Matchers;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.task.Monitor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one cell's analyses and returns its metrics. This is the only place a study touches the analyses;
 * TODO(issue 10): replace the body of {@link #execute} with one call of the headless runner once it lands.
 */
public final class CellExecutor {

    /** What {@link #execute} returns: metrics and, for pairs, B's permutation. */
    public record Outcome(Map<String, Double> metrics, Map<String, int[]> permutation) {
    }

    private final StudyPlan.Analyses analyses;
    private final Dataset train;
    private final Dataset test;

    /** @param train matching data (AM, STE), BN reset and the train curve; @param test curves and estimates */
    public CellExecutor(StudyPlan.Analyses analyses, Dataset train, Dataset test) {
        this.analyses = analyses;
        this.train = train;
        this.test = test;
    }

    public Outcome execute(Cell cell, Monitor monitor) {
        Model a = CheckpointLoader.load(cell.models().get(0), null);
        Model b = CheckpointLoader.load(cell.models().get(1), null);
        a.requireSameArchitecture(b);
        MatchContext ctx = new MatchContext(cell.matchingSeed(), train, null, cell.options());
        Interpolation.Options curve = new Interpolation.Options(Interpolation.grid(0, 1, analyses.lambdas()),
                analyses.bnReset(), 500);
        Map<String, Double> m = new LinkedHashMap<>();
        if (cell.kind() == Cell.Kind.TRIPLE) {
            Model c = CheckpointLoader.load(cell.models().get(2), null);
            ThreeModels.Result r = ThreeModels.run(a, b, c, Matchers.get(cell.method()), ctx, train, test, curve,
                    false, monitor);
            String[] names = {Metrics.THREE_A_PB, Metrics.THREE_A_PC, Metrics.THREE_PB_PC};
            for (int i = 0; i < 3; i++) {
                put(m, names[i], r.pairs().get(i).testLossBarrier());
            }
            put(m, Metrics.THREE_PB_PC_ACC, r.pairs().get(2).testAccuracyBarrier());
            return new Outcome(m, Map.of());
        }
        MatchResult mr = Matchers.get(cell.method()).match(a, b, ctx.withMonitor(monitor.sub(0, 0.3)));
        Model pb = mr.spec().apply(b, mr.permutation(), "π(" + b.source() + ")");
        Interpolation.Result r = Interpolation.run(cell.method(), a, pb, train, test, train, curve,
                monitor.sub(0.3, 0.5));
        put(m, Metrics.LOSS_BARRIER, r.test().lossBarrier().value());
        put(m, Metrics.LOSS_BARRIER_MEAN, r.test().lossBarrierMean().value());
        put(m, Metrics.ACC_BARRIER, r.test().accuracyBarrier().value());
        put(m, Metrics.ACC_BARRIER_MEAN, r.test().accuracyBarrierMean().value());
        if (r.train() != null) {
            put(m, Metrics.TRAIN_LOSS_BARRIER, r.train().lossBarrier().value());
        }
        int mid = analyses.lambdas() / 2;
        put(m, Metrics.MERGED_LOSS, r.test().loss()[mid]);
        put(m, Metrics.MERGED_ACC, r.test().accuracy()[mid]);
        if (mr.distances() != null) {
            put(m, Metrics.L2_BEFORE, mr.distances().before());
            put(m, Metrics.L2_AFTER, mr.distances().after());
            put(m, Metrics.L2_REDUCTION, 100 * (mr.distances().before() - mr.distances().after())
                    / mr.distances().before());
        }
        if (analyses.spectra()) {
            spectra(a, pb, m, monitor.sub(0.5, 0.6));
        }
        if (analyses.alignmentK() > 0) {
            Alignment.Result al = Alignment.run(a, b, pb, analyses.alignmentK(), monitor.sub(0.6, 0.7));
            put(m, Metrics.ALIGN_LEFT, al.layers().stream().mapToDouble(l -> l.after().leftDiagonal()).average()
                    .orElse(Double.NaN));
            put(m, Metrics.ALIGN_RIGHT, al.layers().stream().mapToDouble(l -> l.after().rightDiagonal()).average()
                    .orElse(Double.NaN));
        }
        if (analyses.hiddenInputK() > 0) {
            HiddenInputAlignment.Result h = HiddenInputAlignment.run(a, b, pb, test,
                    new HiddenInputAlignment.Options(analyses.hiddenInputK(), analyses.hiddenInputSamples(), 128,
                            analyses.bnReset(), cell.matchingSeed()), monitor.sub(0.7, 0.85));
            put(m, Metrics.HIDDEN, h.layers().stream().mapToDouble(l -> (mean(l.a()) + mean(l.b())) / 2).average()
                    .orElse(Double.NaN));
            put(m, Metrics.HIDDEN_MERGED, h.layers().stream().mapToDouble(l -> mean(l.merged())).average()
                    .orElse(Double.NaN));
        }
        if (analyses.taylor()) {
            TaylorEstimate.Result t = TaylorEstimate.run(a, pb, test, TaylorEstimate.Options.standard(),
                    monitor.sub(0.85, 1));
            put(m, Metrics.TAYLOR_ESTIMATE, t.estimate().barrier());
            put(m, Metrics.TAYLOR_ACTUAL, t.actualBarrier());
            put(m, Metrics.TAYLOR_DIFF, t.estimate().barrier() - t.actualBarrier());
        }
        return new Outcome(m, mr.permutation().perms());
    }

    /**
     * Large-singular-value ratio and stable rank of A and B (a property of trained models at this width) and of
     * the merged model ½(θa + π(θb)); averaged over the weight layers except the classifier, whose rank is the
     * number of classes whatever the width.
     */
    private void spectra(Model a, Model pb, Map<String, Double> m, Monitor monitor) {
        Spectra.PathResult p = Spectra.alongPath(a, pb, new double[]{0, 0.5, 1}, monitor);
        List<Spectra.LayerPath> layers = p.layers().subList(0, Math.max(1, p.layers().size() - 1));
        LargeSingularValues.Definition d = analyses.largeSingularValues();
        double ratio = 0;
        double ratioMerged = 0;
        double countMerged = 0;
        double stable = 0;
        double stableMerged = 0;
        for (Spectra.LayerPath l : layers) {
            double[][] v = l.values();
            int rank = Math.min(l.rows(), l.cols());
            ratio += (LargeSingularValues.count(v[0], d) + LargeSingularValues.count(v[2], d)) / (2.0 * rank);
            int merged = LargeSingularValues.count(v[1], d);
            countMerged += merged;
            ratioMerged += (double) merged / rank;
            stable += (LargeSingularValues.stableRank(v[0]) + LargeSingularValues.stableRank(v[2])) / 2;
            stableMerged += LargeSingularValues.stableRank(v[1]);
        }
        int n = layers.size();
        put(m, Metrics.LARGE_SV_RATIO, ratio / n);
        put(m, Metrics.LARGE_SV_RATIO_MERGED, ratioMerged / n);
        put(m, Metrics.LARGE_SV_COUNT_MERGED, countMerged);
        put(m, Metrics.STABLE_RANK, stable / n);
        put(m, Metrics.STABLE_RANK_MERGED, stableMerged / n);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static void put(Map<String, Double> m, String name, double v) {
        if (Double.isFinite(v)) {
            m.put(name, v);
        }
    }
}
