package org.lmcx.render;

import org.lmcx.analysis.Interpolation;
import org.lmcx.analysis.PairAnalysis;
import org.lmcx.analysis.ThreeModels;
import org.lmcx.match.MatchResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a session file holds: the inputs (model paths, data settings, methods with their options) and
 * the results as plain numbers, so a session reopens without recomputing and {@code lmcx export} can draw the
 * same charts without loading any model. Written as JSON by {@link SessionJson}; built the same way by the
 * desktop app and by {@code lmcx analyze --session} (through the {@code of} factories of the records here and
 * of {@link LandscapeGrid}, {@link SpectrumSet} and {@link AlignmentMaps}).
 *
 * @param version        file format version ({@link #CURRENT_VERSION})
 * @param models         paths of model slots A, B, C (null where a slot is empty)
 * @param data           dataset folder and subset sizes
 * @param seed           seed of matching and subsets
 * @param methods        methods offered, whether each was ticked, and its options
 * @param runs           finished method runs, in run order
 * @param landscape      the last git-re-basin plane (A, B, π(B)), or null
 * @param spectra        per-layer spectra (at {@code lambda} for the merged model), may be empty
 * @param alignment      per-layer, per-side alignment maps, may be empty
 * @param lambda         the slider position
 * @param three          three-model runs (B and C both matched to A), one per method, may be empty
 * @param threeLandscape the last plane through A, π(B), π(C), or null
 */
public record SessionData(int version, List<String> models, DataSettings data, long seed,
                          List<MethodSetting> methods, List<RunData> runs, LandscapeGrid landscape,
                          List<SpectrumSet> spectra, List<AlignmentMaps> alignment, double lambda,
                          List<ThreeModelRun> three, LandscapeGrid threeLandscape) {

    /** Version 1 files simply lack {@code three} and {@code threeLandscape}; both read as empty. */
    public static final int CURRENT_VERSION = 1;

    public SessionData {
        models = models == null ? List.of() : new ArrayList<>(models);
        methods = methods == null ? List.of() : List.copyOf(methods);
        runs = runs == null ? List.of() : List.copyOf(runs);
        spectra = spectra == null ? List.of() : List.copyOf(spectra);
        alignment = alignment == null ? List.of() : List.copyOf(alignment);
        three = three == null ? List.of() : List.copyOf(three);
    }

    /**
     * @param dir       dataset folder (IDX or CIFAR-10 binary), or null
     * @param trainSize training examples (matching data, train curve)
     * @param testSize  test examples (test curve, landscape)
     */
    public record DataSettings(String dir, int trainSize, int testSize) {
    }

    /** A method as offered in the Methods panel. */
    public record MethodSetting(String name, boolean enabled, Map<String, String> options) {
        public MethodSetting {
            options = options == null ? Map.of() : Map.copyOf(options);
        }
    }

    /**
     * One finished method run: the matching summary and its interpolation curve.
     *
     * @param objective         Σ⟨θa, π(θb)⟩ reached
     * @param identityObjective the same without matching
     * @param l2Before          ‖θa − θb‖ over the matched tensors
     * @param l2After           ‖θa − π(θb)‖
     * @param permutation       the permutation found, per group (so a reopened session can rebuild π(B)
     *                          without matching again); may be null
     */
    public record RunData(String method, Map<String, String> options, double objective, double identityObjective,
                          int sweeps, double seconds, double l2Before, double l2After, Interpolation.Result curve,
                          Map<String, int[]> permutation) {
        public RunData {
            options = options == null ? Map.of() : Map.copyOf(options);
        }

        /** A run of {@link PairAnalysis} as the session stores it. */
        public static RunData of(PairAnalysis.MethodRun run, Map<String, String> options) {
            return of(run.match(), run.curve(), options);
        }

        public static RunData of(MatchResult mr, Interpolation.Result curve, Map<String, String> options) {
            return new RunData(mr.method(), options, mr.objective(), mr.identityObjective(), mr.sweeps(),
                    mr.seconds(), mr.distances() == null ? Double.NaN : mr.distances().before(),
                    mr.distances() == null ? Double.NaN : mr.distances().after(), curve, mr.permutation().perms());
        }
    }

    /**
     * B and C both matched to A with one method, and the barriers of a–π(b), a–π(c), π(b)–π(c) (plus the
     * unmatched pairs where they were run).
     *
     * @param pairs        the interpolated pairs, matched ones first
     * @param permutationB the permutation applied to B (so a reopened session can rebuild π(B)); may be null
     * @param permutationC the permutation applied to C; may be null
     */
    public record ThreeModelRun(String method, Map<String, String> options, List<ThreeModels.Pair> pairs,
                                Map<String, int[]> permutationB, Map<String, int[]> permutationC,
                                double seconds) {
        public ThreeModelRun {
            options = options == null ? Map.of() : Map.copyOf(options);
            pairs = pairs == null ? List.of() : List.copyOf(pairs);
        }

        public static ThreeModelRun of(ThreeModels.Result r, Map<String, String> options) {
            return new ThreeModelRun(r.method(), options, r.pairs(), r.matchB().permutation().perms(),
                    r.matchC().permutation().perms(), r.seconds());
        }
    }

    /** The interpolation curves of all runs, in run order. */
    public List<Interpolation.Result> curves() {
        List<Interpolation.Result> out = new ArrayList<>();
        for (RunData r : runs) {
            if (r.curve() != null) {
                out.add(r.curve());
            }
        }
        return out;
    }
}
