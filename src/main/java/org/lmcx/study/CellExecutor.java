package org.lmcx.study;

import org.lmcx.analysis.HiddenInputAlignment;
import org.lmcx.analysis.Interpolation;
import org.lmcx.analysis.Spectra;
import org.lmcx.analysis.TaylorEstimate;
import org.lmcx.analysis.ThreeModels;
import org.lmcx.io.CheckpointLoader;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.runner.Analyses;
import org.lmcx.runner.AnalysisRunner;
import org.lmcx.runner.DataContext;
import org.lmcx.runner.ModelSet;
import org.lmcx.runner.RunRequest;
import org.lmcx.session.DataRef;
import org.lmcx.session.Run;
import org.lmcx.session.RunStore;
import org.lmcx.task.Monitor;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one cell as one run of the headless {@link AnalysisRunner} (match once, π(B) and π(C) once, every
 * requested analysis from them) and reads the study's metrics off the {@link Run}. A study adds no
 * orchestration of its own: only the merged model's spectrum (for the large-singular-value count of Ito et al.
 * Fig. 14) is computed here, from the run's own π(B).
 */
public final class CellExecutor {

    /** What {@link #execute} returns: metrics and, for pairs, B's permutation. */
    public record Outcome(Map<String, Double> metrics, Map<String, int[]> permutation) {
    }

    private final StudyPlan.Analyses analyses;
    private final DataContext data;

    /**
     * @param train matching data (AM, STE), BN reset and the train curve
     * @param test  curves and estimates
     */
    public CellExecutor(StudyPlan.Analyses analyses, DataRef ref, Dataset train, Dataset test) {
        this.analyses = analyses;
        this.data = new DataContext(ref, train, test);
    }

    public Outcome execute(Cell cell, Monitor monitor) {
        List<Path> files = cell.models();
        Model a = CheckpointLoader.load(files.get(0), null);
        Model b = CheckpointLoader.load(files.get(1), null);
        boolean triple = cell.kind() == Cell.Kind.TRIPLE;
        Model c = triple ? CheckpointLoader.load(files.get(2), null) : null;
        ModelSet set = ModelSet.of(files.get(0), a, files.get(1), b, triple ? files.get(2) : null, c);
        // One runner per cell: its store holds this cell's run only, so parallel workers share nothing.
        AnalysisRunner runner = new AnalysisRunner(new RunStore());
        RunRequest req = new RunRequest(cell.method(), cell.options(), cell.matchingSeed(), analyses.bnReset(),
                Interpolation.grid(0, 1, analyses.lambdas()), 500, triple ? Analyses.NONE.withThree() : pairAnalyses());
        Run run = runner.run(set, data, List.of(req), monitor.sub(0, 0.9)).get(0);
        if (!run.ok()) {
            throw new IllegalStateException(cell.label() + ": " + run.failure());
        }
        Map<String, Double> m = new LinkedHashMap<>();
        if (triple) {
            String[] names = {Metrics.THREE_A_PB, Metrics.THREE_A_PC, Metrics.THREE_PB_PC};
            List<ThreeModels.Pair> pairs = run.three().pairs();
            for (int i = 0; i < 3; i++) {
                put(m, names[i], pairs.get(i).testLossBarrier());
            }
            put(m, Metrics.THREE_PB_PC_ACC, pairs.get(2).testAccuracyBarrier());
            return new Outcome(m, Map.of());
        }
        Interpolation.Result r = run.curve();
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
        double before = run.match().l2Before();
        double after = run.match().l2After();
        put(m, Metrics.L2_BEFORE, before);
        put(m, Metrics.L2_AFTER, after);
        put(m, Metrics.L2_REDUCTION, 100 * (before - after) / before);
        if (analyses.spectra()) {
            spectra(a, runner.permuted(set, run).pb(), m, monitor.sub(0.9, 1));
        }
        if (run.alignment() != null) {
            put(m, Metrics.ALIGN_LEFT, run.alignment().layers().stream()
                    .mapToDouble(l -> l.after().leftDiagonal()).average().orElse(Double.NaN));
            put(m, Metrics.ALIGN_RIGHT, run.alignment().layers().stream()
                    .mapToDouble(l -> l.after().rightDiagonal()).average().orElse(Double.NaN));
        }
        if (run.hiddenAlignment() != null) {
            HiddenInputAlignment.Result h = run.hiddenAlignment();
            put(m, Metrics.HIDDEN, h.layers().stream().mapToDouble(l -> (mean(l.a()) + mean(l.b())) / 2).average()
                    .orElse(Double.NaN));
            put(m, Metrics.HIDDEN_MERGED, h.layers().stream().mapToDouble(l -> mean(l.merged())).average()
                    .orElse(Double.NaN));
        }
        if (run.taylor() != null) {
            TaylorEstimate.Result t = run.taylor();
            put(m, Metrics.TAYLOR_ESTIMATE, t.estimate().barrier());
            put(m, Metrics.TAYLOR_ACTUAL, t.actualBarrier());
            put(m, Metrics.TAYLOR_DIFF, t.estimate().barrier() - t.actualBarrier());
        }
        return new Outcome(m, run.match().permutation());
    }

    private Analyses pairAnalyses() {
        Analyses an = Analyses.NONE;
        if (analyses.alignmentK() > 0) {
            an = an.withAlignment(analyses.alignmentK());
        }
        if (analyses.hiddenInputK() > 0) {
            an = an.withHidden(new HiddenInputAlignment.Options(analyses.hiddenInputK(),
                    analyses.hiddenInputSamples(), 128, analyses.bnReset(), 0));
        }
        if (analyses.taylor()) {
            an = an.withTaylor(TaylorEstimate.Options.standard());
        }
        return an;
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
