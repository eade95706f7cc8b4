package org.lmcx.app;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.lmcx.runner.LambdaPreview;
import org.lmcx.session.Run;
import org.lmcx.session.SpectrumSet;
import org.lmcx.task.Foreground;
import org.lmcx.task.TaskService;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * The λ slider: which run's path it follows (only runs of the open model set), the live readout of θ(λ) on
 * the preview subset, and the Spectra view's layer with the merged model's singular values. Without a run
 * for the open models the readout is empty and says why, never a number from another path.
 */
public final class PreviewViewModel {

    static final String NO_MODELS = "open models A and B, then Run, to enable the live readout";
    static final String NO_RUN = "no run for the open models yet: Run a method to enable the live readout";

    private final ModelsViewModel models;
    private final RunsViewModel runs;
    private final LambdaPreview preview;

    private final DoubleProperty lambda = new SimpleDoubleProperty(0.5);
    private final ObjectProperty<RunRow> path = new SimpleObjectProperty<>();
    private final StringProperty readout = new SimpleStringProperty(NO_MODELS);
    private final StringProperty emptyReason = new SimpleStringProperty(NO_MODELS);
    private final DoubleProperty readoutLoss = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty readoutAccuracy = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty latencyMs = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty computeMs = new SimpleDoubleProperty(Double.NaN);

    private final ObservableList<String> spectrumLayers = FXCollections.observableArrayList();
    private final StringProperty spectrumLayer = new SimpleStringProperty();
    private final ObjectProperty<SpectrumSet> spectrum = new SimpleObjectProperty<>();
    private LambdaPreview.MergedSpectrum merged;

    PreviewViewModel(TaskService previewService, Foreground foreground, Executor ui, ModelsViewModel models,
                     RunsViewModel runs) {
        this.models = models;
        this.runs = runs;
        this.preview = new LambdaPreview(previewService, foreground, ui, this::showReadout, this::showMerged);
        lambda.addListener((o, x, y) -> preview.request(y.doubleValue()));
        path.addListener((o, x, y) -> {
            merged = null;
            refreshLayers();
            configure();
        });
        spectrumLayer.addListener((o, x, y) -> {
            merged = null;
            configure();
        });
        models.openProperty().addListener((o, x, y) -> {
            choosePath(List.of());
            configure();
        });
        runs.currentPairs().addListener((ListChangeListener<RunRow>) c -> {
            List<RunRow> added = new ArrayList<>();
            while (c.next()) {
                if (c.wasAdded() && !c.wasPermutated()) {
                    added.addAll(c.getAddedSubList());
                }
            }
            choosePath(added);
        });
    }

    public LambdaPreview preview() {
        return preview;
    }

    public DoubleProperty lambdaProperty() {
        return lambda;
    }

    /** The run whose path A → π(B) the slider follows; always one of {@link #choices()} or null. */
    public ObjectProperty<RunRow> pathProperty() {
        return path;
    }

    /** The paths the slider can follow: pair runs of the open model set. */
    public ObservableList<RunRow> choices() {
        return runs.currentPairs();
    }

    public StringProperty readoutProperty() {
        return readout;
    }

    /** Why there is no readout (null while one is shown). */
    public StringProperty emptyReasonProperty() {
        return emptyReason;
    }

    public DoubleProperty readoutLossProperty() {
        return readoutLoss;
    }

    public DoubleProperty readoutAccuracyProperty() {
        return readoutAccuracy;
    }

    public DoubleProperty latencyMsProperty() {
        return latencyMs;
    }

    /** Time the compute thread spent on the last readout (interpolate + forward pass). */
    public DoubleProperty computeMsProperty() {
        return computeMs;
    }

    public ObservableList<String> spectrumLayers() {
        return spectrumLayers;
    }

    public StringProperty spectrumLayerProperty() {
        return spectrumLayer;
    }

    public ObjectProperty<SpectrumSet> spectrumProperty() {
        return spectrum;
    }

    /**
     * Keeps the path among the open set's runs: a run just made takes over when there is no path, when the
     * path is the identity baseline, or when it is the same method (a re-run with other settings).
     */
    private void choosePath(List<RunRow> added) {
        List<RunRow> options = runs.currentPairs();
        RunRow p = path.get();
        for (RunRow r : added) {
            if (!options.contains(r)) {
                continue;
            }
            boolean takeOver = p == null || ("identity".equals(p.run().key().method()) && !"identity".equals(r.run().key().method()))
                    || p.run().key().method().equals(r.run().key().method());
            if (takeOver) {
                p = r;
            }
        }
        if (p != null && !options.contains(p)) {
            String method = p.run().key().method();
            p = null;
            for (RunRow r : options) {
                if (r.run().key().method().equals(method)) {
                    p = r;
                }
            }
        }
        if (p == null) {
            for (RunRow r : options) {
                if (p == null || "identity".equals(p.run().key().method())) {
                    p = r;
                }
            }
        }
        if (p != path.get()) {
            path.set(p);
        }
    }

    private void refreshLayers() {
        RunRow p = path.get();
        List<String> layers = p == null ? List.of() : p.run().spectrumSets().stream().map(SpectrumSet::layer).toList();
        if (!layers.equals(spectrumLayers)) {
            String keep = spectrumLayer.get();
            spectrumLayers.setAll(layers);
            spectrumLayer.set(layers.contains(keep) ? keep : layers.isEmpty() ? null : layers.get(0));
        }
        refreshSpectrum();
    }

    private void configure() {
        RunRow p = path.get();
        OpenModels o = models.open();
        if (p == null || o == null) {
            preview.configure(null);
            String reason = o == null ? NO_MODELS : NO_RUN;
            emptyReason.set(reason);
            readout.set(reason);
            readoutLoss.set(Double.NaN);
            readoutAccuracy.set(Double.NaN);
            refreshSpectrum();
            return;
        }
        DataCache cache = models.cache();
        Run run = p.run();
        // The readout uses the run's own dataset (its key), not whatever the Data panel says now.
        String dir = run.key().data() == null ? null : run.key().data().dir();
        int size = models.previewSizeProperty().get();
        preview.configure(new LambdaPreview.Config(o.a(), () -> runs.permuted(run, o).pb(),
                () -> cache.preview(dir, size), spectrumLayer.get()));
        emptyReason.set(null);
        readout.set("computing θ(λ) on " + run.label() + "…");
        readoutLoss.set(Double.NaN);
        readoutAccuracy.set(Double.NaN);
        preview.request(lambda.get());
        refreshSpectrum();
    }

    @SuppressWarnings("ReferenceEquality") // stale unless computed for the very Config object now shown
    private void showReadout(LambdaPreview.Readout r) {
        if (r.config() != preview.config()) {
            return;
        }
        readoutLoss.set(r.loss());
        readoutAccuracy.set(r.accuracy());
        computeMs.set(r.computeMs());
        latencyMs.set(r.latencyMs());
        RunRow p = path.get();
        readout.set(String.format(Locale.ROOT, "%s · θ(λ=%.3f) on %d test images: loss %.4f, accuracy %.2f %%  (%.0f ms)",
                p == null ? "" : p.label(), r.lambda(), r.examples(), r.loss(), 100 * r.accuracy(), r.latencyMs()));
    }

    @SuppressWarnings("ReferenceEquality") // stale unless computed for the very Config object now shown
    private void showMerged(LambdaPreview.MergedSpectrum m) {
        if (m.config() != preview.config()) {
            return;
        }
        merged = m;
        refreshSpectrum();
    }

    private void refreshSpectrum() {
        String layer = spectrumLayer.get();
        RunRow p = path.get();
        if (layer == null || p == null || models.open() == null) {
            spectrum.set(null);
            return;
        }
        for (SpectrumSet s : p.run().spectrumSets()) {
            if (s.layer().equals(layer)) {
                List<SpectrumSet.Series> series = new ArrayList<>(s.series());
                if (merged != null && merged.tensor().equals(layer)) {
                    series.add(new SpectrumSet.Series(String.format(Locale.ROOT, "merged %s λ=%.2f",
                            p.label(), merged.lambda()), merged.values()));
                }
                spectrum.set(new SpectrumSet(layer, series));
                return;
            }
        }
        spectrum.set(null);
    }
}
