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
import org.lmcx.runner.Analyses;
import org.lmcx.runner.RunRequest;
import org.lmcx.session.LandscapeGrid;
import org.lmcx.session.Run;
import org.lmcx.session.RunKey;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Landscape view: a plane through the path under the slider, computed on request by the runner (which
 * adds it to the run) and filled in coarse-to-fine. The view shows the plane of the run that is chosen now
 * (of the open models), never one left over from another pair.
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

    private record GridKey(RunKey run, Plane plane) {
    }

    private final ModelsViewModel models;
    private final RunsViewModel runs;
    private final PreviewViewModel preview;
    private final Consumer<String> errors;
    /** Coarse-to-fine snapshots while a plane is being computed; the finished plane lives in the run. */
    private final Map<GridKey, LandscapeGrid> partial = new HashMap<>();

    private final ObjectProperty<Plane> plane = new SimpleObjectProperty<>(Plane.REBASIN);
    private final IntegerProperty gridSize = new SimpleIntegerProperty(21);
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<LandscapeGrid> grid = new ReadOnlyObjectWrapper<>();

    LandscapeViewModel(ModelsViewModel models, RunsViewModel runs, PreviewViewModel preview,
                       Consumer<String> errors) {
        this.models = models;
        this.runs = runs;
        this.preview = preview;
        this.errors = errors;
        plane.addListener((o, x, y) -> refresh());
        preview.pathProperty().addListener((o, x, y) -> refresh());
        // A run gains its plane when the runner replaces it: the row's run changes, the list fires an update.
        runs.current().addListener((ListChangeListener<RunRow>) c -> refresh());
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

    private void refresh() {
        RunRow r = preview.pathProperty().get();
        if (r == null) {
            grid.set(null);
            return;
        }
        Run run = r.run();
        LandscapeGrid done = plane.get() == Plane.THREE_MODELS ? run.threeLandscapeGrid() : run.landscapeGrid();
        grid.set(done != null ? done : partial.get(new GridKey(run.key(), plane.get())));
    }

    /**
     * The chosen plane for the path under the slider, filled coarse-to-fine: git-re-basin's A, B, π(B), or
     * A, π(B), π(C) from the run's three-model part. The runner adds it to the run (same key).
     */
    public FxJob compute() {
        OpenModels o = models.open();
        RunRow row = preview.pathProperty().get();
        boolean three = plane.get() == Plane.THREE_MODELS;
        if (three && (row == null || o == null || o.c() == null || row.run().three() == null)) {
            errors.accept("The plane through A, π(B), π(C) needs model C: open it, then Run (B and C are matched to A"
                    + " with each ticked method); the plane uses the run chosen under the slider.");
            return null;
        }
        if (!three && (row == null || o == null)) {
            errors.accept("Run a matching method first: the landscape is drawn through A, B and π(B).");
            return null;
        }
        Run run = row.run();
        RunKey key = run.key();
        if (!three && "identity".equals(key.method())) {
            errors.accept("The identity run has π(B) = B, so A, B, π(B) span no plane; pick a matching method.");
            return null;
        }
        if (key.data() == null || key.data().dir() == null) {
            errors.accept("The run " + key.label() + " has no dataset folder to compute a landscape on.");
            return null;
        }
        int n = gridSize.get();
        double[] lambdas = key.lambdas().stream().mapToDouble(Double::doubleValue).toArray();
        Analyses an = Analyses.NONE.withLandscape(n, three);
        an = three ? an.withThree() : an;
        RunRequest req = new RunRequest(key.method(), key.options(), key.seed(), key.bnReset(), lambdas,
                RunsViewModel.BATCH, an);
        Plane p = plane.get();
        GridKey gk = new GridKey(key, p);
        List<String> names = three ? List.of("A", "π(B) " + key.label(), "π(C) " + key.label())
                : List.of("A", "B", "π(B) " + key.label());
        running.set(true);
        FxJob job = runs.submit(o, key.data(), req, "landscape " + n + "×" + n + " (" + (three ? "A, π(B), π(C) " : "")
                + key.label() + ")", r -> {
            // Snapshots of the plane being refined (the runner computes A, B, π(B) first when both are asked).
            if (r.xs().length > 0 && three == org.lmcx.analysis.Landscape.THREE_MODELS.equals(r.plane())) {
                partial.put(gk, LandscapeGrid.of(r, names));
                refresh();
            }
        });
        job.stateProperty().addListener((obs, x, st) -> {
            if (job.isDone()) {
                running.set(false);
                partial.remove(gk);
                refresh();
            }
        });
        if (job.isDone()) {
            running.set(false);
            partial.remove(gk);
            refresh();
        }
        return job;
    }
}
