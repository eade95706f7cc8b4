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
import org.lmcx.runner.Analyses;
import org.lmcx.runner.AnalysisRunner;
import org.lmcx.runner.Permuted;
import org.lmcx.runner.RunRequest;
import org.lmcx.runner.ShippedRuns;
import org.lmcx.session.DataRef;
import org.lmcx.session.Run;
import org.lmcx.session.RunKey;
import org.lmcx.session.RunStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Methods panel and the runs of the workspace: every run ever made (the core {@link RunStore}; another
 * seed, option or BN setting is a new run kept beside the old one), the runs of the open model set, and which
 * of those are ticked to be drawn. Runs are made only by the core {@link AnalysisRunner}.
 */
public final class RunsViewModel {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunsViewModel.class);

    /** Batch size of curve evaluation (not part of a run's key: it does not change results). */
    static final int BATCH = ShippedRuns.BATCH;

    private final FxTaskAdapter tasks;
    private final ModelsViewModel models;
    private final Consumer<String> errors;
    private final RunStore store = new RunStore();
    private final AnalysisRunner runner = new AnalysisRunner(store);

    private final ObservableList<MethodConfig> methods = FXCollections.observableArrayList();
    private final LongProperty seed = new SimpleLongProperty(0);
    private final BooleanProperty resetBn = new SimpleBooleanProperty(false);

    private final ObservableList<RunRow> all =
            FXCollections.observableArrayList(r -> new Observable[]{r.shownProperty(), r.runProperty()});
    private final Map<RunKey, RunRow> rows = new HashMap<>();
    private final FilteredList<RunRow> current = all.filtered(r -> false);
    private final FilteredList<RunRow> usable = current.filtered(r -> r.run().ok());
    private final FilteredList<RunRow> shown = usable.filtered(RunRow::isShown);
    private final FilteredList<RunRow> shownThree = shown.filtered(r -> r.run().three() != null);
    /** Rows the next store change should tick or not (default: ticked). */
    private final Map<RunKey, Boolean> pendingShown = new HashMap<>();

    RunsViewModel(FxTaskAdapter tasks, ModelsViewModel models, Consumer<String> errors) {
        this.tasks = tasks;
        this.models = models;
        this.errors = errors;
        for (String m : Matchers.names()) {
            methods.add(new MethodConfig(m, m.equals("identity") || m.equals("wm")));
        }
        models.openProperty().addListener((o, x, y) -> refilter());
        // The runner adds runs on a compute thread: mirror them on the UI thread.
        store.addListener(c -> tasks.ui().execute(() -> apply(c)));
    }

    private void apply(RunStore.Change c) {
        if (c.removed() != null && (c.added() == null || !c.added().key().equals(c.removed().key()))) {
            RunRow r = rows.remove(c.removed().key());
            runner.forget(c.removed().key());
            if (r != null) {
                all.remove(r);
            }
        }
        if (c.added() != null) {
            Boolean show = pendingShown.remove(c.added().key());
            RunRow r = rows.get(c.added().key());
            if (r != null) {
                r.replace(c.added());
            } else {
                r = new RunRow(c.added());
                r.shownProperty().set(show == null || show);
                rows.put(c.added().key(), r);
                all.add(r);
            }
            if (!c.added().ok() && show == null) {
                // Made just now (not read from a file): say so once; the Runs table keeps the reason.
                errors.accept(c.added().failure());
            }
        }
    }

    private void refilter() {
        OpenModels o = models.open();
        String id = o == null ? null : o.id();
        current.setPredicate(r -> id != null && r.run().key().modelSetId().equals(id));
    }

    RunStore store() {
        return store;
    }

    AnalysisRunner runner() {
        return runner;
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

    /** The runs of the open model set, failed ones included. */
    public ObservableList<RunRow> current() {
        return current;
    }

    /** Successful runs of the open model set: the paths the slider can follow. */
    public ObservableList<RunRow> currentPairs() {
        return usable;
    }

    /** Ticked successful runs of the open model set: what Interpolation, Alignment and Summary draw. */
    public ObservableList<RunRow> shownPairs() {
        return shown;
    }

    /** Ticked runs of the open model set with a three-model part. */
    public ObservableList<RunRow> shownThree() {
        return shownThree;
    }

    /** Legend and row labels of runs drawn together: each run's label plus whatever tells them apart. */
    static List<String> labels(List<RunRow> rows) {
        return RunKey.labels(rows.stream().map(r -> r.run().key()).toList());
    }

    /** Removes runs from the workspace. */
    public void delete(List<RunRow> remove) {
        for (RunRow r : List.copyOf(remove)) {
            store.remove(r.run().key());
        }
    }

    /** Puts runs read from a file into the store; {@code shown} says which are ticked (null: all). */
    void load(List<Run> runs, java.util.Set<String> shownIds) {
        for (Run r : runs) {
            pendingShown.put(r.key(), shownIds == null || shownIds.contains(r.key().id()));
            store.add(r);
        }
    }

    void clear() {
        store.clear();
    }

    private boolean effectiveResetBn() {
        return resetBn.get() && models.bnAvailableProperty().get();
    }

    /** What the Methods panel asks of every run besides the curve: spectra, alignment, three models with C. */
    private static Analyses analyses(OpenModels o) {
        return ShippedRuns.analyses(o.c() != null);
    }

    /**
     * Checks shipped runs (already shown) in the background, as one job on the compute lane: their keys must be
     * the keys this install computes (else Run would recompute them anyway), and a cheap probe
     * ({@link ShippedRuns#probeOf}: the same matching, the curve at three λ) must reproduce them. A run that
     * fails either is replaced by a full recomputation, and the user is told.
     */
    FxJob verifyShipped(List<Run> shipped) {
        OpenModels o = models.open();
        if (o == null || shipped.isEmpty()) {
            return null;
        }
        DataCache cache = models.cache();
        DataRef data = shipped.get(0).key().data();
        return tasks.submit("verify the demo's shipped runs", monitor -> {
            // A store of its own: probes never join the workspace.
            AnalysisRunner probes = new AnalysisRunner(new RunStore());
            Map<Run, String> problems = new java.util.LinkedHashMap<>();
            for (Run s : shipped) {
                monitor.checkCancelled();
                RunKey expected = AnalysisRunner.keyOf(o.set(), data, ShippedRuns.requestOf(s, o.c() != null));
                String why = !expected.equals(s.key()) ? "made with other settings than this version's defaults"
                        : ShippedRuns.sameResults(s, probes.run(o.set(), cache.data(data),
                        List.of(ShippedRuns.probeOf(s)), monitor).get(0));
                if (why != null) {
                    problems.put(s, why);
                }
            }
            return problems;
        }, problems -> {
            if (problems.isEmpty()) {
                LOG.info("the demo's {} shipped runs are reproduced by this install", shipped.size());
                return;
            }
            List<String> lines = new ArrayList<>();
            problems.forEach((s, why) -> {
                lines.add(s.label() + ": " + why);
                store.remove(s.key());
                RunRequest full = ShippedRuns.requestOf(s, o.c() != null);
                submit(o, data, full, "recompute the demo's " + s.label(), null);
            });
            errors.accept("The demo's shipped results differ from what this install computes, so they are being "
                    + "recomputed (" + String.join("; ", lines) + ")");
        }, e -> LOG.warn("could not verify the demo's shipped runs: {}", FxTaskAdapter.describe(e)));
    }

    /** Starts one job per ticked method, or reuses a stored run with the same key (and ticks it). */
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
        DataRef data = models.dataRef();
        if (data == null) {
            errors.accept("Choose a dataset folder in the Data panel before running.");
            return started;
        }
        double[] lambdas = Interpolation.grid(0, 1, Math.max(3, models.lambdaPointsProperty().get()));
        String names = OpenModels.fileName(o.pathA(), "A") + " vs " + OpenModels.fileName(o.pathB(), "B")
                + (o.c() == null ? "" : ", " + OpenModels.fileName(o.pathC(), "C"));
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
            RunRequest req = new RunRequest(mconf.name(), opts, seed.get(), effectiveResetBn(), lambdas, BATCH,
                    analyses(o));
            started.add(submit(o, data, req, req.method() + " · seed " + req.seed() + ": " + names, null));
        }
        return started;
    }

    /**
     * One request on the runner as a job; answered at once (a "cached" job) when the store already holds it.
     *
     * @param partial landscape snapshots while it refines (UI thread), or null
     */
    FxJob submit(OpenModels o, DataRef data, RunRequest req, String name,
                 Consumer<org.lmcx.analysis.Landscape.Result> partial) {
        Run hit;
        try {
            hit = runner.reusable(o.set(), data, req).orElse(null);
        } catch (IllegalArgumentException e) {
            errors.accept(req.method() + ": " + e.getMessage());
            return tasks.cached(name);
        }
        if (hit != null) {
            RunRow r = rows.get(hit.key());
            if (r != null) {
                r.shownProperty().set(true);
            }
            return tasks.cached(name);
        }
        DataCache cache = models.cache();
        return tasks.submit(name, monitor -> runner.run(o.set(), cache.data(data), List.of(req),
                        partial == null ? null : p -> tasks.ui().execute(() -> partial.accept(p)), monitor).get(0),
                r -> { }, e -> errors.accept(req.method() + " failed: " + FxTaskAdapter.describe(e)));
    }

    /**
     * π(B) and π(C) of a run on the open models, from the runner (built when the run was made, or once from
     * its saved permutation); call on a worker thread.
     */
    Permuted permuted(Run run, OpenModels o) {
        return runner.permuted(o.set(), run);
    }
}
