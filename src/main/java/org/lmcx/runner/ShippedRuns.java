package org.lmcx.runner;

import org.lmcx.analysis.Alignment;
import org.lmcx.analysis.Interpolation;
import org.lmcx.session.DataRef;
import org.lmcx.session.ModelRef;
import org.lmcx.session.ProgramVersion;
import org.lmcx.session.Run;
import org.lmcx.session.RunKey;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs made ahead of time and shipped with the program (the bundled demo's identity and WM runs), so a new
 * user sees a finished analysis at once: the settings they are made with (the desktop app's defaults, so the
 * keys match what the app would compute), how they are moved onto this install, and how a recomputation is
 * compared with them.
 */
public final class ShippedRuns {

    /** The desktop app's defaults for a run (Methods and Data panels as they open). */
    public static final List<String> DEMO_METHODS = List.of("identity", "wm");
    public static final int TRAIN_SIZE = 2000;
    public static final int TEST_SIZE = 2000;
    public static final int LAMBDA_POINTS = 25;
    public static final int BATCH = 500;
    /** Loss may differ by this relative amount between CPUs (summation order of SIMD kernels), no more. */
    private static final double LOSS_TOLERANCE = 1e-4;
    /** Accuracy of 2,000 examples: one example flipped by rounding at the decision boundary is 5e-4. */
    private static final double ACCURACY_TOLERANCE = 1e-3;

    private ShippedRuns() {
    }

    /** What the app asks of every run besides the curve: spectra, alignment, the three-model part with C. */
    public static Analyses analyses(boolean three) {
        Analyses a = Analyses.NONE.withSpectra().withAlignment(Alignment.DEFAULT_K);
        return three ? a.withThree() : a;
    }

    /** The requests the app makes for the demo with its default settings. */
    public static List<RunRequest> demoRequests() {
        double[] lambdas = Interpolation.grid(0, 1, LAMBDA_POINTS);
        List<RunRequest> out = new ArrayList<>();
        for (String m : DEMO_METHODS) {
            out.add(new RunRequest(m, Map.of(), 0, false, lambdas, BATCH, analyses(true)));
        }
        return out;
    }

    /**
     * A cheap recomputation of a shipped run for the background check: the same matching (so the same
     * permutation), the pair's curve at the grid's ends and middle only, no other analyses.
     */
    public static RunRequest probeOf(Run run) {
        List<Double> g = run.key().lambdas();
        double[] probe = g.isEmpty() ? new double[0]
                : new double[]{g.get(0), g.get(g.size() / 2), g.get(g.size() - 1)};
        RunKey k = run.key();
        return new RunRequest(k.method(), k.options(), k.seed(), k.bnReset(), probe, BATCH, Analyses.NONE);
    }

    /**
     * The runs of a shipped session, rebased onto this install ({@link #rebase}).
     *
     * @throws org.lmcx.model.UserInputException naming the file if it is missing or not a session
     * @throws IllegalArgumentException if it holds no runs or runs of other models
     */
    public static List<Run> read(Path session, Path dataDir, List<Path> models) {
        List<Run> runs = new ArrayList<>();
        for (Run r : org.lmcx.session.SessionJson.read(session).runs()) {
            runs.add(rebase(r, dataDir, models));
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException(session.getFileName() + ": holds no runs");
        }
        return runs;
    }

    /** The request that recomputes a shipped run (same method, options, seed, BN setting and λ grid). */
    public static RunRequest requestOf(Run run, boolean three) {
        RunKey k = run.key();
        double[] lambdas = k.lambdas().stream().mapToDouble(Double::doubleValue).toArray();
        return new RunRequest(k.method(), k.options(), k.seed(), k.bnReset(), lambdas, BATCH, analyses(three));
    }

    /**
     * The shipped run as this install knows it: the same models (by content hash, opened from {@code models}),
     * the same data subset read from {@code dataDir}, this program's version. A key is otherwise tied to the
     * folder it was made in; the background verification ({@link #sameResults}) is what vouches for the result.
     *
     * @param models the install's model files, matched to the shipped refs by file name
     * @throws IllegalArgumentException when the run was made on other data sizes or models than the install has
     */
    public static Run rebase(Run run, Path dataDir, List<Path> models) {
        RunKey k = run.key();
        DataRef d = k.data();
        if (d == null) {
            throw new IllegalArgumentException("a shipped run has no data");
        }
        DataRef here = new DataRef(dataDir.toAbsolutePath().normalize().toString(), d.trainSize(), d.testSize(),
                d.subset(), d.subsetSeed(), d.mean(), d.std());
        RunKey moved = new RunKey(rebase(k.a(), models), rebase(k.b(), models), k.c() == null ? null
                : rebase(k.c(), models), k.architecture(), here, k.method(), k.options(), k.seed(), k.bnReset(),
                k.lambdas(), ProgramVersion.current());
        return run.withKey(moved);
    }

    private static ModelRef rebase(ModelRef r, List<Path> models) {
        for (Path p : models) {
            if (p.getFileName().toString().equals(r.fileName())) {
                return new ModelRef(p.toAbsolutePath().normalize().toString(), r.sha256(), r.architecture());
            }
        }
        throw new IllegalArgumentException("a shipped run names a model the install lacks: " + r.fileName());
    }

    /**
     * Null when {@code fresh} reproduces {@code shipped} (equal permutations, curves within rounding), else
     * one line saying what differs.
     */
    public static String sameResults(Run shipped, Run fresh) {
        if (!fresh.ok()) {
            return "recomputing failed: " + fresh.failure();
        }
        if (!shipped.ok()) {
            return "the shipped run is a failure";
        }
        if ((shipped.match() == null) != (fresh.match() == null)) {
            return "one has a matching, the other not";
        }
        if (shipped.match() != null) {
            Map<String, int[]> a = shipped.match().permutation();
            Map<String, int[]> b = fresh.match().permutation();
            if (!a.keySet().equals(b.keySet())) {
                return "permutations of other layers";
            }
            for (String layer : a.keySet()) {
                if (!Arrays.equals(a.get(layer), b.get(layer))) {
                    return "permutation of " + layer + " differs";
                }
            }
        }
        Interpolation.Result s = shipped.curve();
        Interpolation.Result f = fresh.curve();
        if (s == null || f == null) {
            return "a curve is missing";
        }
        // The fresh curve may be a probe at a few of the shipped λ: compare at those.
        int[] at = new int[f.lambdas().length];
        for (int j = 0; j < at.length; j++) {
            at[j] = -1;
            for (int i = 0; i < s.lambdas().length; i++) {
                if (Math.abs(s.lambdas()[i] - f.lambdas()[j]) < 1e-12) {
                    at[j] = i;
                }
            }
            if (at[j] < 0) {
                return "λ = " + f.lambdas()[j] + " is not on the shipped grid";
            }
        }
        String train = sameCurve("train", s.train(), f.train(), at);
        return train != null ? train : sameCurve("test", s.test(), f.test(), at);
    }

    private static String sameCurve(String split, Interpolation.SplitCurve s, Interpolation.SplitCurve f, int[] at) {
        if (s == null || f == null) {
            return Objects.equals(s, f) ? null : split + " curve missing on one side";
        }
        for (int j = 0; j < at.length; j++) {
            int i = at[j];
            if (Math.abs(s.loss()[i] - f.loss()[j]) > LOSS_TOLERANCE * Math.max(1, Math.abs(s.loss()[i]))) {
                return String.format(java.util.Locale.ROOT, "%s loss at point %d: shipped %.6g, now %.6g", split, i,
                        s.loss()[i], f.loss()[j]);
            }
            if (Math.abs(s.accuracy()[i] - f.accuracy()[j]) > ACCURACY_TOLERANCE) {
                return String.format(java.util.Locale.ROOT, "%s accuracy at point %d: shipped %.4f, now %.4f", split,
                        i, s.accuracy()[i], f.accuracy()[j]);
            }
        }
        return null;
    }
}
