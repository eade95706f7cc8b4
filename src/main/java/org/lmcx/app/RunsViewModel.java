package org.lmcx.app;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.lmcx.analysis.Alignment;
import org.lmcx.analysis.Interpolation;
import org.lmcx.match.Matchers;
import org.lmcx.model.Model;
import org.lmcx.model.PermutationSpec;
import org.lmcx.runner.Analyses;
import org.lmcx.runner.AnalysisRunner;
import org.lmcx.runner.DataContext;
import org.lmcx.runner.ModelSet;
import org.lmcx.runner.RunRequest;
import org.lmcx.session.DataRef;
import org.lmcx.session.Permutations;
import org.lmcx.session.Run;
import org.lmcx.session.RunKey;
import org.lmcx.session.RunStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The Methods panel and the runs of the workspace: every run ever made (kept beside earlier ones when seed,
 * options or BN reset differ), the runs of the open model set, and which of those are ticked to be drawn.
 */
public final class RunsViewModel {

    private final FxTaskAdapter tasks;
    private final ModelsViewModel models;
    private final Consumer<String> errors;

    private final ObservableList<MethodConfig> methods = FXCollections.observableArrayList();
    private final LongProperty seed = new SimpleLongProperty(0);
    private final BooleanProperty resetBn = new SimpleBooleanProperty(false);

    private final ObservableList<RunRow> all =
            FXCollections.observableArrayList(r -> new Observable[]{r.shownProperty()});
    private final FilteredList<RunRow> current = all.filtered(r -> false);
    private final FilteredList<RunRow> shown = current.filtered(RunRow::isShown);
    private final FilteredList<RunRow> shownPairs = shown.filtered(r -> !r.run().isThree());
    private final FilteredList<RunRow> shownThree = shown.filtered(r -> r.run().isThree());
    private final FilteredList<RunRow> currentPairs = current.filtered(r -> !r.run().isThree());

    /** π(B) / π(C) of runs, rebuilt from the saved permutation on a worker thread when first needed. */
    private final Map<String, Model> permuted = new ConcurrentHashMap<>();
    /** The one headless runner; its store holds every run made in this window. */
    private final AnalysisRunner runner = new AnalysisRunner(new RunStore());

    RunsViewModel(FxTaskAdapter tasks, ModelsViewModel models, Consumer<String> errors) {
        this.tasks = tasks;
        this.models = models;
        this.errors = errors;
        for (String m : Matchers.names()) {
            methods.add(new MethodConfig(m, m.equals("identity") || m.equals("wm")));
        }
        models.openProperty().addListener((o, x, y) -> refilter());
    }

    private void refilter() {
        OpenModels o = models.open();
        if (o == null) {
            current.setPredicate(r -> false);
            return;
        }
        String pair = o.pairId();
        String triple = o.tripleId();
        current.setPredicate(r -> r.run().modelSetId().equals(r.run().isThree() ? triple : pair));
    }

    public ObservableList<MethodConfig> methods() {
        return methods;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    /** Recompute BN statistics at each λ (and landscape point); only takes effect where A has BN layers. */
    public BooleanProperty resetBnProperty() {
        return resetBn;
    }

    /** Every run of the workspace, oldest first. */
    public ObservableList<RunRow> all() {
        return all;
    }

    /** The runs of the open model set (pair runs of A, B; three-model runs of A, B, C). */
    public ObservableList<RunRow> current() {
        return current;
    }

    /** Pair runs of the open model set: the paths the slider can follow. */
    public ObservableList<RunRow> currentPairs() {
        return currentPairs;
    }

    /** Ticked pair runs of the open model set: what Interpolation, Alignment and Summary draw. */
    public ObservableList<RunRow> shownPairs() {
        return shownPairs;
    }

    /** Ticked three-model runs of the open model set. */
    public ObservableList<RunRow> shownThree() {
        return shownThree;
    }

    /** Removes runs from the workspace. */
    public void delete(List<RunRow> rows) {
        List<RunRow> copy = List.copyOf(rows);
        copy.forEach(r -> permuted.keySet().removeIf(k -> k.startsWith(r.run().id())));
        all.removeAll(copy);
    }

    /** Keeps a run read from a session in the runner's store, so an equal request reuses it. */
    void remember(Run r) {
        runner.store().add(r);
    }

    void clear() {
        all.clear();
        permuted.clear();
    }

    void add(RunEntry e, boolean show) {
        RunRow row = new RunRow(e);
        row.shownProperty().set(show);
        all.add(row);
    }

    private boolean effectiveResetBn() {
        return resetBn.get() && models.bnAvailableProperty().get();
    }

    private RunRow find(RunEntry.Key key) {
        for (RunRow r : all) {
            if (r.run().key().equals(key)) {
                return r;
            }
        }
        return null;
    }

    /** Starts one job per ticked method (and one per method for A, B, C), or reuses a run with the same key. */
    public List<FxJob> run() {
        List<FxJob> started = new ArrayList<>();
        OpenModels o = models.open();
        if (models.mismatchProperty().get() != null) {
            errors.accept(models.mismatchProperty().get());
            return started;
        }
        if (o == null) {
            errors.accept("Open models A and B before running a method.");
            return started;
        }
        ModelsViewModel.DataRequest data = models.dataRequest();
        if (data.dir() == null) {
            errors.accept("Choose a dataset folder in the Data panel before running.");
            return started;
        }
        long sd = seed.get();
        boolean bn = effectiveResetBn();
        int points = Math.max(3, models.lambdaPointsProperty().get());
        Interpolation.Options interp = new Interpolation.Options(Interpolation.grid(0, 1, points), bn, 500);
        String dataText = data.dir() + " (train " + data.train() + ", test " + data.test() + ")";
        String names = OpenModels.fileName(o.pathA(), "A") + " vs " + OpenModels.fileName(o.pathB(), "B");
        for (MethodConfig mconf : methods) {
            if (!mconf.enabledProperty().get()) {
                continue;
            }
            Map<String, String> opts;
            try {
                opts = mconf.parsedOptions();
            } catch (IllegalArgumentException e) {
                errors.accept(e.getMessage());
                continue;
            }
            String method = mconf.name();
            // Options as the run key has them: the method's defaults completed, so equal runs compare equal.
            opts = RunKey.completeOptions(Matchers.get(method), opts);
            RunEntry.Key key = new RunEntry.Key(o.pairId(), names, method, opts, sd, bn, dataText, points, false);
            started.add(runPair(key, o, data, interp, names));
            if (o.c() != null) {
                String three = names + ", " + OpenModels.fileName(o.pathC(), "C");
                started.add(runThree(new RunEntry.Key(o.tripleId(), three, method, opts, sd, bn, dataText, points,
                        true), o, data, interp));
            }
        }
        return started;
    }

    private FxJob runPair(RunEntry.Key key, OpenModels o, ModelsViewModel.DataRequest data,
                          Interpolation.Options interp, String names) {
        String name = key.method() + " · seed " + key.seed() + ": " + names;
        RunRow hit = find(key);
        if (hit != null) {
            hit.shownProperty().set(true);
            return tasks.cached(name);
        }
        String method = key.method();
        DataCache cache = models.cache();
        return tasks.submit(name, monitor -> {
            DataCache.Data d = data.load(cache);
            ModelSet set = ModelSet.of(o.pathA(), o.a(), o.pathB(), o.b(), null, null);
            Run run = runner.run(set, new DataContext(DataRef.first(data.dir(), data.train(), data.test()), d.train(),
                    d.test()), List.of(new RunRequest(method, key.options(), key.seed(), key.bnReset(),
                    interp.lambdas(), interp.batchSize(), Analyses.NONE.withSpectra()
                    .withAlignment(Alignment.DEFAULT_K))), monitor).get(0);
            if (!run.ok()) {
                throw new IllegalStateException(run.failure());
            }
            return new RunEntry(UUID.randomUUID().toString(), key, Instant.now(), run, run.spectrumSets(),
                    run.alignmentMaps(), null);
        }, r -> {
            if (find(key) == null) {
                add(r, true);
            }
        }, e -> errors.accept(method + " failed: " + FxTaskAdapter.describe(e)));
    }

    /** B and C both matched to A with the method, and the barriers of the three pairs (ThreeModels). */
    private FxJob runThree(RunEntry.Key key, OpenModels o, ModelsViewModel.DataRequest data,
                           Interpolation.Options interp) {
        String name = key.method() + " · seed " + key.seed() + ": three models " + key.models();
        RunRow hit = find(key);
        if (hit != null) {
            hit.shownProperty().set(true);
            return tasks.cached(name);
        }
        DataCache cache = models.cache();
        return tasks.submit(name, monitor -> {
            DataCache.Data d = data.load(cache);
            ModelSet set = ModelSet.of(o.pathA(), o.a(), o.pathB(), o.b(), o.pathC(), o.c());
            Run run = runner.run(set, new DataContext(DataRef.first(data.dir(), data.train(), data.test()), d.train(),
                    d.test()), List.of(new RunRequest(key.method(), key.options(), key.seed(), key.bnReset(),
                    interp.lambdas(), interp.batchSize(), Analyses.NONE.withThree())), monitor).get(0);
            if (!run.ok()) {
                throw new IllegalStateException(run.failure());
            }
            return new RunEntry(UUID.randomUUID().toString(), key, Instant.now(), null, List.of(), List.of(), run);
        }, r -> {
            if (find(key) == null) {
                add(r, true);
            }
        }, e -> errors.accept(key.method() + " (three models) failed: " + FxTaskAdapter.describe(e)));
    }

    /**
     * π(B) of a pair run (or π(B), π(C) of a three-model run: {@code which} 1 or 2) for the open models, from
     * its saved permutation; call on a worker thread (applying a permutation copies every tensor).
     */
    Model permuted(RunEntry run, OpenModels o, int which) {
        Objects.requireNonNull(o);
        Map<String, int[]> perm = run.isThree()
                ? (which == 2 ? run.three().three().matchC().permutation() : run.three().match().permutation())
                : run.pair().match().permutation();
        Model m = which == 2 ? o.c() : o.b();
        if (perm == null || m == null) {
            return null;
        }
        String cacheKey = run.id() + "#" + which + "#" + System.identityHashCode(m);
        PermutationSpec spec = PermutationSpec.of(m.architecture());
        return permuted.computeIfAbsent(cacheKey, k -> spec.apply(m, Permutations.validate(perm, spec,
                "run " + run.label()), "π(" + m.source() + ") " + run.label()));
    }
}
