package org.lmcx.app;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.lmcx.model.Model;
import org.lmcx.runner.ModelSet;
import org.lmcx.session.DataRef;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Models and Data panels: three model slots, whether their architectures agree, the dataset folder and
 * subset sizes, and which model set is open. Checkpoints are read on the I/O lane, so opening a model never
 * waits behind a running analysis.
 */
public final class ModelsViewModel {

    private final FxTaskAdapter tasks;
    private final DataCache cache = new DataCache();
    private final Consumer<String> errors;

    private final ModelSlot a = new ModelSlot("A");
    private final ModelSlot b = new ModelSlot("B");
    private final ModelSlot c = new ModelSlot("C");
    private final StringProperty mismatch = new SimpleStringProperty();
    private final BooleanProperty bnAvailable = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<OpenModels> open = new ReadOnlyObjectWrapper<>();

    private final StringProperty dataDir = new SimpleStringProperty();
    private final IntegerProperty trainSize = new SimpleIntegerProperty(2000);
    private final IntegerProperty testSize = new SimpleIntegerProperty(2000);
    private final IntegerProperty previewSize = new SimpleIntegerProperty(500);
    private final IntegerProperty lambdaPoints = new SimpleIntegerProperty(25);

    ModelsViewModel(FxTaskAdapter tasks, Consumer<String> errors) {
        this.tasks = tasks;
        this.errors = errors;
        for (ModelSlot s : slots()) {
            s.modelProperty().addListener((o, x, y) -> refresh());
            s.loadingProperty().addListener((o, x, y) -> refresh());
        }
    }

    public ModelSlot slot(int i) {
        return i == 0 ? a : i == 1 ? b : c;
    }

    public List<ModelSlot> slots() {
        return List.of(a, b, c);
    }

    public StringProperty mismatchProperty() {
        return mismatch;
    }

    /** Whether model A's architecture has batch norm (the BN-reset checkbox is enabled only then). */
    public BooleanProperty bnAvailableProperty() {
        return bnAvailable;
    }

    /**
     * The model set the views show: A and B (and C when loaded), once all slots have finished loading and
     * the architectures agree; null otherwise. Views filter runs by it, so a new pair never shows an old
     * pair's results.
     */
    public ReadOnlyObjectProperty<OpenModels> openProperty() {
        return open.getReadOnlyProperty();
    }

    public OpenModels open() {
        return open.get();
    }

    public StringProperty dataDirProperty() {
        return dataDir;
    }

    public IntegerProperty trainSizeProperty() {
        return trainSize;
    }

    public IntegerProperty testSizeProperty() {
        return testSize;
    }

    public IntegerProperty previewSizeProperty() {
        return previewSize;
    }

    public IntegerProperty lambdaPointsProperty() {
        return lambdaPoints;
    }

    DataCache cache() {
        return cache;
    }

    /** The Data panel as a run's data reference (null without a folder); the data is loaded in the job. */
    DataRef dataRef() {
        String d = dataDir.get();
        return d == null || d.isBlank() ? null : DataRef.first(Path.of(d), trainSize.get(), testSize.get());
    }

    /** Opens a checkpoint into slot 0/1/2 on the I/O lane; the slot keeps its old model if this fails. */
    public FxJob openModel(int slot, Path file) {
        ModelSlot s = slot(slot);
        s.loadingProperty().set(true);
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return tasks.submitIo("open " + name + " as " + s.name(), m -> cache.loadModel(file),
                loaded -> s.loaded(file, loaded.model(), loaded.ref()),
                e -> {
                    s.failed(file, FxTaskAdapter.describe(e));
                    errors.accept("Could not open " + name + " as model " + s.name() + ": "
                            + FxTaskAdapter.describe(e));
                },
                () -> s.loadingProperty().set(false));
    }

    public void clearSlot(int slot) {
        slot(slot).clear();
    }

    private void refresh() {
        Model ma = a.getModel();
        bnAvailable.set(ma != null && ma.architecture().hasBatchNorm());
        String msg = null;
        for (ModelSlot other : List.of(b, c)) {
            Model mo = other.getModel();
            if (ma != null && mo != null) {
                try {
                    ma.requireSameArchitecture(mo);
                } catch (RuntimeException e) {
                    msg = "A and " + other.name() + " do not match: " + e.getMessage();
                    break;
                }
            }
        }
        mismatch.set(msg);
        boolean loading = slots().stream().anyMatch(s -> s.loadingProperty().get());
        if (loading) {
            // While models are being (re)opened, B or C may still be the previous file: no set is open until
            // all are in, so no view shows one pair's runs beside another pair's models.
            open.set(null);
            return;
        }
        OpenModels next = ma == null || b.getModel() == null || msg != null ? null
                : new OpenModels(new ModelSet(ma, a.ref(), b.getModel(), b.ref(), c.getModel(), c.ref()),
                a.pathProperty().get(), b.pathProperty().get(), c.getModel() == null ? null : c.pathProperty().get());
        if (next == null ? open.get() != null : open.get() == null || !next.sameSet(open.get())) {
            open.set(next);
        }
    }
}
