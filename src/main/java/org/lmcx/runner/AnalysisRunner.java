package org.lmcx.runner;

import org.lmcx.analysis.Alignment;
import org.lmcx.analysis.HiddenInputAlignment;
import org.lmcx.analysis.Interpolation;
import org.lmcx.analysis.Landscape;
import org.lmcx.analysis.Spectra;
import org.lmcx.analysis.TaylorEstimate;
import org.lmcx.analysis.ThreeModels;
import org.lmcx.match.IdentityMatcher;
import org.lmcx.match.MatchContext;
import org.lmcx.match.MatchResult;
import org.lmcx.match.Matcher;
import org.lmcx.match.Matchers;
import org.lmcx.model.Model;
import org.lmcx.model.PermutationSpec;
import org.lmcx.session.MatchSummary;
import org.lmcx.session.Run;
import org.lmcx.session.RunKey;
import org.lmcx.session.RunStore;
import org.lmcx.session.ThreeModelRun;
import org.lmcx.task.Monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one place that makes runs. For each request: the key ({@link RunKey#resolve}); a stored run with an
 * equal key that already holds every requested analysis is returned as is; one that lacks some gets them
 * added from its saved permutation; otherwise B is matched to A once, π(B) is built once (π(C) once when C
 * is in the set and the three-model part is asked), and the curve and every requested analysis are computed
 * from those. A result with a NaN or infinite number is returned (and stored) as a failed run saying where.
 * Exceptions (bad options, missing data, cancellation) propagate to the caller.
 *
 * <p>Thread-safe as far as its store and its cache of permuted models are; callers run it on a compute thread
 * (never the JavaFX thread). Progress and cancellation go through the {@link Monitor}.
 */
public final class AnalysisRunner {

    /** π(B)/π(C) kept per run key: a few models, most recent last (each is as large as a model). */
    private static final int PERMUTED_KEPT = 8;

    private final RunStore store;
    private final Map<RunKey, Permuted> permuted = new LinkedHashMap<>(16, 0.75f, true);

    public AnalysisRunner(RunStore store) {
        this.store = store;
    }

    public RunStore store() {
        return store;
    }

    /** The key a request gets on this model set and data. */
    public static RunKey keyOf(ModelSet set, DataContext data, RunRequest r) {
        return keyOf(set, data == null ? null : data.ref(), r);
    }

    /** The key a request gets on this model set and data (cheap: model hashes are memoized). */
    public static RunKey keyOf(ModelSet set, org.lmcx.session.DataRef data, RunRequest r) {
        return RunKey.resolve(set.refA(), set.refB(), set.refC(), data, r.method(), r.options(), r.seed(),
                r.bnReset(), r.lambdas());
    }

    /**
     * The stored run that {@link #run} would return for this request without computing anything, if there is
     * one (its key is equal, it did not fail, and it holds every requested analysis).
     */
    public java.util.Optional<Run> reusable(ModelSet set, org.lmcx.session.DataRef data, RunRequest r) {
        return store.get(keyOf(set, data, r)).filter(Run::ok).filter(x -> covers(x, r.analyses(), set));
    }

    /** {@link #run(ModelSet, DataContext, List, Consumer, Monitor)} without landscape snapshots. */
    public List<Run> run(ModelSet set, DataContext data, List<RunRequest> requests, Monitor monitor) {
        return run(set, data, requests, null, monitor);
    }

    /**
     * Makes (or reuses) one run per request, in order, and stores each.
     *
     * @param partialLandscape receives each landscape after every refinement level (may be null)
     */
    public List<Run> run(ModelSet set, DataContext data, List<RunRequest> requests,
                         Consumer<Landscape.Result> partialLandscape, Monitor monitor) {
        if (data == null || data.test() == null) {
            throw new org.lmcx.model.UserInputException("the interpolation curve needs test data (--data DIR, or a dataset "
                    + "folder in the Data panel)");
        }
        List<Run> out = new ArrayList<>();
        int n = requests.size();
        for (int i = 0; i < n; i++) {
            monitor.checkCancelled();
            out.add(runOne(set, data, requests.get(i), partialLandscape, monitor.sub((double) i / n, (i + 1.0) / n)));
        }
        monitor.update(1, "done");
        return out;
    }

    private Run runOne(ModelSet set, DataContext data, RunRequest req, Consumer<Landscape.Result> partial,
                       Monitor monitor) {
        RunKey key = keyOf(set, data, req);
        Run cached = store.get(key).filter(Run::ok).orElse(null);
        if (cached != null && covers(cached, req.analyses(), set)) {
            monitor.update(1, key.label() + ": reused");
            return cached;
        }
        long t0 = System.nanoTime();
        Matcher matcher = Matchers.get(key.method());
        Model a = set.a();
        Model b = set.b();
        MatchSummary match;
        Interpolation.Result curve;
        Permuted p;
        Interpolation.Options interp = new Interpolation.Options(req.lambdas(), req.bnReset(), req.batchSize());
        boolean wantThree = req.analyses().three() && set.hasC();
        MatchSummary matchC = null;
        if (cached != null) {
            match = cached.match();
            curve = cached.curve();
            p = permuted(set, cached);
            monitor.update(0.4, key.label() + ": adding analyses to the stored run");
        } else {
            MatchContext ctx = new MatchContext(key.seed(), data.train(), monitor.sub(0, 0.3), key.options());
            MatchResult mb = matcher.match(a, b, ctx);
            match = MatchSummary.of(mb);
            Model pb = mb.spec().apply(b, mb.permutation(), "π(" + b.source() + ")");
            Model pc = null;
            if (wantThree) {
                MatchResult mc = matcher.match(a, set.c(), ctx.withMonitor(monitor.sub(0.3, 0.35)));
                matchC = MatchSummary.of(mc);
                pc = mc.spec().apply(set.c(), mc.permutation(), "π(" + set.c().source() + ")");
            }
            p = new Permuted(pb, pc);
            remember(key, p);
            curve = Interpolation.run(key.method(), a, pb, data.train(), data.test(), data.train(), interp,
                    monitor.sub(0.35, 0.5));
        }
        Analyses an = req.analyses();
        Monitor rest = monitor.sub(0.5, 1);
        Spectra.Result spectra = cached == null ? null : cached.spectra();
        if (an.spectra() && spectra == null) {
            spectra = Spectra.compare(a, b, p.pb(), rest.sub(0, 0.05));
        }
        Alignment.Result alignment = cached == null ? null : cached.alignment();
        if (an.alignmentK() > 0 && (alignment == null || alignment.requestedK() != an.alignmentK())) {
            alignment = Alignment.run(a, b, p.pb(), an.alignmentK(), rest.sub(0.05, 0.1));
        }
        HiddenInputAlignment.Result hidden = cached == null ? null : cached.hiddenAlignment();
        if (an.hidden() != null && hidden == null) {
            hidden = HiddenInputAlignment.run(a, b, p.pb(), data.test(), an.hidden(), rest.sub(0.1, 0.2));
        }
        ThreeModelRun three = cached == null ? null : cached.three();
        if (wantThree && three == null) {
            long t3 = System.nanoTime();
            if (p.pc() == null) {
                // A stored pair run gains C: match C once now, B's matching is the run's own.
                MatchContext ctx = new MatchContext(key.seed(), data.train(), rest.sub(0.2, 0.25), key.options());
                MatchResult mc = matcher.match(a, set.c(), ctx);
                matchC = MatchSummary.of(mc);
                p = new Permuted(p.pb(), mc.spec().apply(set.c(), mc.permutation(), "π(" + set.c().source() + ")"));
                remember(key, p);
            }
            List<ThreeModels.Pair> pairs = ThreeModels.barriers(a, b, set.c(), p.pb(), p.pc(),
                    !IdentityMatcher.NAME.equals(key.method()), data.train(), data.test(), interp, false,
                    rest.sub(0.25, 0.5));
            three = new ThreeModelRun(matchC, pairs, (System.nanoTime() - t3) / 1e9);
        }
        TaylorEstimate.Result taylor = cached == null ? null : cached.taylor();
        if (an.taylor() != null && taylor == null) {
            taylor = TaylorEstimate.run(a, p.pb(), data.test(), an.taylor(), rest.sub(0.5, 0.6));
        }
        boolean plane = an.landscapeGrid() > 0 && !IdentityMatcher.NAME.equals(key.method());
        Landscape.Options lo = plane ? new Landscape.Options(an.landscapeGrid(), -0.5, 1.5, req.batchSize(),
                req.bnReset()) : null;
        Landscape.Result landscape = cached == null ? null : cached.landscape();
        if (plane && !landscapeCovers(landscape, an.landscapeGrid())) {
            landscape = Landscape.rebasinPlane(a, b, p.pb(), data.test(), data.train(), lo, partial,
                    rest.sub(0.6, an.threeLandscape() && three != null ? 0.8 : 1));
        }
        Landscape.Result threeLandscape = cached == null ? null : cached.threeLandscape();
        if (an.landscapeGrid() > 0 && an.threeLandscape() && three != null
                && !landscapeCovers(threeLandscape, an.landscapeGrid())) {
            Landscape.Options o3 = new Landscape.Options(an.landscapeGrid(), -0.5, 1.5, req.batchSize(),
                    req.bnReset());
            threeLandscape = Landscape.threeModels(a, p.pb(), p.pc(), data.test(), data.train(), o3, partial,
                    rest.sub(0.8, 1));
        }
        double seconds = (System.nanoTime() - t0) / 1e9 + (cached == null ? 0 : cached.seconds());
        Run run = new Run(key, Instant.now().toString(), seconds, match, curve, spectra, alignment, hidden, three,
                taylor, landscape, threeLandscape, null);
        String bad = run.firstNonFinite();
        if (bad != null) {
            run = run.withFailure(key.label() + ": " + bad);
        }
        store.add(run);
        monitor.update(1, key.label() + " done");
        return run;
    }

    private static boolean landscapeCovers(Landscape.Result l, int grid) {
        return l != null && l.complete() && l.xs().length == grid;
    }

    /** Whether a stored run already holds every analysis a request asks for. */
    private static boolean covers(Run r, Analyses an, ModelSet set) {
        boolean matching = !IdentityMatcher.NAME.equals(r.key().method());
        return (!an.spectra() || r.spectra() != null)
                && (an.alignmentK() == 0 || (r.alignment() != null && r.alignment().requestedK() == an.alignmentK()))
                && (an.hidden() == null || r.hiddenAlignment() != null)
                && (!an.three() || !set.hasC() || r.three() != null)
                && (an.taylor() == null || r.taylor() != null)
                && (an.landscapeGrid() == 0 || !matching || landscapeCovers(r.landscape(), an.landscapeGrid()))
                && (an.landscapeGrid() == 0 || !an.threeLandscape() || !set.hasC()
                || landscapeCovers(r.threeLandscape(), an.landscapeGrid()));
    }

    /**
     * π(B) and π(C) of a run on this model set, without matching again: the ones built when the run was made,
     * or, for a run read from a session, built once from its saved permutations (validated against the
     * architecture's spec) and kept. Call it on a compute thread: it permutes a whole model.
     *
     * @throws IllegalArgumentException if the run was made on other models than {@code set}'s
     */
    public Permuted permuted(ModelSet set, Run run) {
        RunKey key = run.key();
        boolean needC = run.three() != null && run.three().matchC() != null && set.hasC();
        Permuted known;
        synchronized (permuted) {
            known = permuted.get(key);
        }
        if (known != null && (known.pc() != null || !needC)) {
            return known;
        }
        if (!key.a().equals(set.refA()) || !key.b().equals(set.refB())) {
            throw new org.lmcx.model.UserInputException("run " + key.label() + " was made on " + key.a().fileName() + " and "
                    + key.b().fileName() + ", not on the models open now");
        }
        if (run.match() == null) {
            throw new IllegalArgumentException("run " + key.label() + " has no permutation (it failed)");
        }
        PermutationSpec spec = PermutationSpec.of(set.a().architecture());
        Model pb = known != null ? known.pb() : spec.apply(set.b(), run.match().permutation(spec, "run "
                + key.label()), "π(" + set.b().source() + ")");
        Model pc = null;
        if (needC) {
            pc = spec.apply(set.c(), run.three().matchC().permutation(spec, "run " + key.label() + ", model C"),
                    "π(" + set.c().source() + ")");
        }
        Permuted p = new Permuted(pb, pc);
        remember(key, p);
        return p;
    }

    /** Forgets the permuted models of a run (e.g. after the run was deleted). */
    public void forget(RunKey key) {
        synchronized (permuted) {
            permuted.remove(key);
        }
    }

    private void remember(RunKey key, Permuted p) {
        synchronized (permuted) {
            permuted.put(key, p);
            while (permuted.size() > PERMUTED_KEPT) {
                RunKey eldest = permuted.keySet().iterator().next();
                permuted.remove(eldest);
            }
        }
    }
}
