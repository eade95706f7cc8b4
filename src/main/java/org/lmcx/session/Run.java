package org.lmcx.session;

import org.lmcx.analysis.Alignment;
import org.lmcx.analysis.Barrier;
import org.lmcx.analysis.HiddenInputAlignment;
import org.lmcx.analysis.Interpolation;
import org.lmcx.analysis.Landscape;
import org.lmcx.analysis.Spectra;
import org.lmcx.analysis.TaylorEstimate;
import org.lmcx.analysis.ThreeModels;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One run: what produced it ({@link #key()}) and everything it produced, as immutable plain data (records,
 * arrays copied in and out; never a live model or INDArray). Optional analyses are null when the request did
 * not ask for them. Made by {@code org.lmcx.runner.AnalysisRunner}; held by {@link RunStore}; written in
 * sessions.
 *
 * @param key             provenance; equal keys are the same run
 * @param finished        when it finished, ISO-8601 UTC (e.g. "2026-12-02T01:20:00Z")
 * @param seconds         wall time of the whole run
 * @param match           matching summary with the permutation of B
 * @param curve           loss/accuracy along A → π(B) with barriers
 * @param spectra         σ(A), σ(B), σ(π(B)) per layer, or null
 * @param alignment       |UaᵀUb|, |VaᵀVb| before/after, or null
 * @param hiddenAlignment hidden-input alignment of A, B and the merged model, or null
 * @param three           C matched to A and the three barriers, or null (needs model C)
 * @param taylor          Taylor estimate of the midpoint barrier, or null
 * @param landscape       git-re-basin's plane A, B, π(B), or null
 * @param threeLandscape  the plane through A, π(B), π(C), or null
 * @param failure         null when every number is finite and the run completed; else one line saying what
 *                        failed and where (e.g. "test loss is NaN at λ = 0.5"); a failed run's numbers must
 *                        not be shown as results
 */
public record Run(RunKey key, String finished, double seconds, MatchSummary match, Interpolation.Result curve,
                  Spectra.Result spectra, Alignment.Result alignment, HiddenInputAlignment.Result hiddenAlignment,
                  ThreeModelRun three, TaylorEstimate.Result taylor, Landscape.Result landscape,
                  Landscape.Result threeLandscape, String failure) {

    public Run {
        Objects.requireNonNull(key, "key");
    }

    /** A run that could not be made: its key and the reason, no numbers. */
    public static Run failed(RunKey key, String finished, double seconds, String failure) {
        return new Run(key, finished, seconds, null, null, null, null, null, null, null, null, null, failure);
    }

    public boolean ok() {
        return failure == null;
    }

    /** Short legend/table text ({@link RunKey#label()}). */
    public String label() {
        return key.label();
    }

    /** The test loss barrier (linear definition), NaN for a failed run or one without test curve. */
    public double testLossBarrier() {
        return barrier(curve == null || curve.test() == null ? null : curve.test().lossBarrier());
    }

    /** The test accuracy barrier (linear definition), NaN when absent. */
    public double testAccuracyBarrier() {
        return barrier(curve == null || curve.test() == null ? null : curve.test().accuracyBarrier());
    }

    private double barrier(Barrier b) {
        return !ok() || b == null ? Double.NaN : b.value();
    }

    /** Spectra as the Spectra chart draws them (empty without spectra). */
    public List<SpectrumSet> spectrumSets() {
        return spectra == null ? List.of() : SpectrumSet.of(spectra);
    }

    /** Alignment maps as the Alignment view draws them (empty without alignment). */
    public List<AlignmentMaps> alignmentMaps() {
        return alignment == null ? List.of() : AlignmentMaps.of(alignment, key.method());
    }

    /** The git-re-basin plane as the Landscape chart draws it, or null. */
    public LandscapeGrid landscapeGrid() {
        return landscape == null ? null : LandscapeGrid.of(landscape, List.of("A", "B", "π(B) " + label()));
    }

    /** The plane through A, π(B), π(C) as the Landscape chart draws it, or null. */
    public LandscapeGrid threeLandscapeGrid() {
        return threeLandscape == null ? null
                : LandscapeGrid.of(threeLandscape, List.of("A", "π(B) " + label(), "π(C) " + label()));
    }

    /** The same run under another key (used to attach model hashes to a migrated version-1 run). */
    public Run withKey(RunKey k) {
        return new Run(k, finished, seconds, match, curve, spectra, alignment, hiddenAlignment, three, taylor,
                landscape, threeLandscape, failure);
    }

    /** The same run with hash-less model refs resolved ({@link RunKey#withModelRefs}). */
    public Run withModelRefs(List<ModelRef> loaded) {
        RunKey k = key.withModelRefs(loaded);
        return k.equals(key) ? this : withKey(k);
    }

    /** A copy with {@code failure} set (keeps the numbers so a reader can inspect them, flagged). */
    public Run withFailure(String why) {
        return new Run(key, finished, seconds, match, curve, spectra, alignment, hiddenAlignment, three, taylor,
                landscape, threeLandscape, why);
    }

    /**
     * Where the first NaN or infinite number of this run is, or null when all are finite: the match numbers,
     * every curve value and barrier (own and three-model), the Taylor estimate, the spectra, and the complete
     * landscapes.
     */
    public String firstNonFinite() {
        if (match != null) {
            if (!Double.isFinite(match.objective())) {
                return "matching objective is " + match.objective();
            }
            if (!Double.isFinite(match.l2After()) && !Double.isNaN(match.l2Before())) {
                return "L2 distance after matching is " + match.l2After();
            }
        }
        String c = nonFinite(curve, "curve");
        if (c != null) {
            return c;
        }
        if (three != null) {
            for (ThreeModels.Pair p : three.pairs()) {
                c = nonFinite(p.curve(), "three-model curve " + p.label());
                if (c != null) {
                    return c;
                }
            }
        }
        if (taylor != null && !Double.isFinite(taylor.estimate().barrier())) {
            return "Taylor estimate is " + taylor.estimate().barrier();
        }
        if (taylor != null && !Double.isFinite(taylor.actualBarrier())) {
            return "actual midpoint barrier (Taylor) is " + taylor.actualBarrier();
        }
        if (spectra != null) {
            for (Spectra.LayerSpectrum l : spectra.layers()) {
                for (double[] v : new double[][]{l.a(), l.b(), l.permutedB()}) {
                    for (double x : v) {
                        if (!Double.isFinite(x)) {
                            return "singular value of " + l.layer() + " is " + x;
                        }
                    }
                }
            }
        }
        for (Landscape.Result l : new Landscape.Result[]{landscape, threeLandscape}) {
            if (l != null && l.complete()) {
                double[][] z = l.loss();
                for (int j = 0; j < z.length; j++) {
                    for (int i = 0; i < z[j].length; i++) {
                        if (!Double.isFinite(z[j][i])) {
                            return String.format(Locale.ROOT, "landscape loss is %s at (%.3f, %.3f)", z[j][i],
                                    l.xs()[i], l.ys()[j]);
                        }
                    }
                }
            }
        }
        return null;
    }

    private static String nonFinite(Interpolation.Result r, String what) {
        if (r == null) {
            return null;
        }
        double[] lambdas = r.lambdas();
        for (Interpolation.SplitCurve s : new Interpolation.SplitCurve[]{r.test(), r.train()}) {
            if (s == null) {
                continue;
            }
            String c = nonFinite(s.loss(), lambdas, what + " " + s.data() + " loss");
            if (c == null) {
                c = nonFinite(s.accuracy(), lambdas, what + " " + s.data() + " accuracy");
            }
            if (c != null) {
                return c;
            }
            for (Barrier b : new Barrier[]{s.lossBarrier(), s.lossBarrierMean(), s.accuracyBarrier(),
                    s.accuracyBarrierMean()}) {
                if (b != null && !Double.isFinite(b.value())) {
                    return what + " " + s.data() + " barrier (" + b.definition() + ") is " + b.value();
                }
            }
        }
        return null;
    }

    private static String nonFinite(double[] v, double[] lambdas, String what) {
        if (v == null) {
            return null;
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                return String.format(Locale.ROOT, "%s is %s at λ = %.3f", what, v[i],
                        i < lambdas.length ? lambdas[i] : Double.NaN);
            }
        }
        return null;
    }
}
