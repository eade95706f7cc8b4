package org.lmcx.app;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import org.lmcx.analysis.Landscape;
import org.lmcx.model.Model;
import org.lmcx.session.LandscapeGrid;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Landscape view: a plane through the path under the slider, computed on request and filled in
 * coarse-to-fine. Grids are kept per run and plane, so the view shows the plane of the path that is chosen
 * now (of the open models), never one left over from another pair.
 */
public final class LandscapeViewModel {

    /** The two planes the Landscape view offers. */
    public enum Plane {
        /** git-re-basin's figure: A at (0,0), B at (1,0), π(B) above; needs a matching method's run. */
        REBASIN("A, B, π(B) (git re-basin)"),
        /** Through A, π(B), π(C) at (0,0), (1,0), (0,1); needs model C and its three-model run. */
        THREE_MODELS("A, π(B), π(C) (three models)");

        private final String title;

        Plane(String title) {
            this.title = title;
        }

        @Override
        public String toString() {
            return title;
        }
    }

    private record GridKey(String runId, Plane plane) {
    }

    private final FxTaskAdapter tasks;
    private final ModelsViewModel models;
    private final RunsViewModel runs;
    private final PreviewViewModel preview;
    private final Consumer<String> errors;
    private final Map<GridKey, LandscapeGrid> grids = new HashMap<>();

    private final ObjectProperty<Plane> plane = new SimpleObjectProperty<>(Plane.REBASIN);
    private final IntegerProperty gridSize = new SimpleIntegerProperty(21);
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<LandscapeGrid> grid = new ReadOnlyObjectWrapper<>();

    LandscapeViewModel(FxTaskAdapter tasks, ModelsViewModel models, RunsViewModel runs, PreviewViewModel preview,
                       Consumer<String> errors) {
        this.tasks = tasks;
        this.models = models;
        this.runs = runs;
        this.preview = preview;
        this.errors = errors;
        plane.addListener((o, x, y) -> refresh());
        preview.pathProperty().addListener((o, x, y) -> refresh());
        runs.current().addListener((ListChangeListener<RunRow>) c -> refresh());
        runs.all().addListener((ListChangeListener<RunRow>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(r -> grids.keySet().removeIf(k -> k.runId().equals(r.run().id())));
            }
        });
    }

    public ObjectProperty<Plane> planeProperty() {
        return plane;
    }

    public IntegerProperty gridSizeProperty() {
        return gridSize;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    /** The grid of the chosen plane for the path under the slider, or null when it was not computed. */
    public ReadOnlyObjectProperty<LandscapeGrid> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    /** The run a plane is drawn for: the slider's path, or the three-model run with its key. */
    private RunRow runFor(Plane p) {
        RunRow path = preview.pathProperty().get();
        if (path == null || p == Plane.REBASIN) {
            return path;
        }
        RunEntry.Key k = path.run().key();
        for (RunRow r : runs.current()) {
            RunEntry.Key t = r.run().key();
            if (r.run().isThree() && t.method().equals(k.method()) && t.seed() == k.seed()
                    && t.options().equals(k.options()) && t.bnReset() == k.bnReset()) {
                return r;
            }
        }
        return null;
    }

    private void refresh() {
        RunRow r = runFor(plane.get());
        grid.set(r == null ? null : grids.get(new GridKey(r.run().id(), plane.get())));
    }

    /** All computed grids with their run, for the session file. */
    Map<String, LandscapeGrid> grids(Plane p) {
        Map<String, LandscapeGrid> out = new HashMap<>();
        grids.forEach((k, g) -> {
            if (k.plane() == p) {
                out.put(k.runId(), g);
            }
        });
        return out;
    }

    void put(String runId, Plane p, LandscapeGrid g) {
        grids.put(new GridKey(runId, p), g);
        refresh();
    }

    void clear() {
        grids.clear();
        refresh();
    }

    /**
     * The chosen plane for the path under the slider, filled coarse-to-fine: git-re-basin's A, B, π(B), or
     * A, π(B), π(C) from the method's three-model run.
     */
    public FxJob compute() {
        OpenModels o = models.open();
        ModelsViewModel.DataRequest data = models.dataRequest();
        if (data.dir() == null) {
            errors.accept("Choose a dataset folder in the Data panel before computing a landscape.");
            return null;
        }
        Plane p = plane.get();
        boolean three = p == Plane.THREE_MODELS;
        RunRow row = runFor(p);
        if (three && (row == null || o == null || o.c() == null)) {
            errors.accept("The plane through A, π(B), π(C) needs model C: open it, then Run (B and C are matched to A"
                    + " with each ticked method); the plane uses the run chosen under the slider.");
            return null;
        }
        if (!three && (row == null || o == null)) {
            errors.accept("Run a matching method first: the landscape is drawn through A, B and π(B).");
            return null;
        }
        RunEntry run = row.run();
        if (!three && "identity".equals(run.method())) {
            errors.accept("The identity run has π(B) = B, so A, B, π(B) span no plane; pick a matching method.");
            return null;
        }
        List<String> names = three ? List.of("A", "π(B) " + run.method(), "π(C) " + run.method())
                : List.of("A", "B", "π(B) " + run.method());
        int n = gridSize.get();
        boolean bn = run.key().bnReset();
        DataCache cache = models.cache();
        GridKey key = new GridKey(run.id(), p);
        running.set(true);
        return tasks.submit("landscape " + n + "×" + n + " (" + (three ? "A, π(B), π(C) " : "") + run.label() + ")",
                m -> {
                    DataCache.Data d = data.load(cache);
                    Model pb = runs.permuted(run, o, 1);
                    Landscape.Options opts = new Landscape.Options(n, -0.5, 1.5, 500, bn);
                    Consumer<Landscape.Result> partial = r -> {
                        LandscapeGrid g = LandscapeGrid.of(r, names);
                        tasks.ui().execute(() -> put(key.runId(), key.plane(), g));
                    };
                    Landscape.Result res = three
                            ? Landscape.threeModels(o.a(), pb, runs.permuted(run, o, 2), d.test(), d.train(), opts,
                            partial, m)
                            : Landscape.rebasinPlane(o.a(), o.b(), pb, d.test(), d.train(), opts, partial, m);
                    return LandscapeGrid.of(res, names);
                }, g -> {
                    put(key.runId(), key.plane(), g);
                    running.set(false);
                }, e -> {
                    running.set(false);
                    errors.accept("Landscape failed: " + FxTaskAdapter.describe(e));
                }, () -> running.set(false));
    }
}
