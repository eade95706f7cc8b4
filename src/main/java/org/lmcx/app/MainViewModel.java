package org.lmcx.app;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.lmcx.task.TaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The main window's state, split by concept into small view models (JabRef style) that share one task
 * adapter and one error sink: models and data, runs and their selection, the slider preview, the landscape,
 * sessions. Only the status bar's state lives here.
 */
public final class MainViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(MainViewModel.class);

    private final FxTaskAdapter tasks;
    private final ModelsViewModel models;
    private final RunsViewModel runs;
    private final PreviewViewModel preview;
    private final LandscapeViewModel landscape;
    private final SessionViewModel session;
    private final StudyViewModel study;

    private final StringProperty backend = new SimpleStringProperty("ND4J: starting…");
    private final StringProperty memory = new SimpleStringProperty("");
    private final StringProperty lastError = new SimpleStringProperty();
    private Consumer<String> errorSink = m -> { };

    /** {@code foreground}: held while the slider's readout computes; the compute lane yields to it (null: none). */
    public MainViewModel(FxTaskAdapter tasks, TaskService previewService, org.lmcx.task.Foreground foreground) {
        this.tasks = tasks;
        this.models = new ModelsViewModel(tasks, this::error);
        this.runs = new RunsViewModel(tasks, models, this::error);
        this.preview = new PreviewViewModel(previewService, foreground, tasks.ui(), models, runs);
        this.landscape = new LandscapeViewModel(models, runs, preview, this::error);
        this.session = new SessionViewModel(tasks, models, runs, preview);
        this.study = new StudyViewModel(tasks, models, this::error);
        for (ModelSlot s : models.slots()) {
            s.modelProperty().addListener((o, x, y) -> {
                if (y != null) {
                    lastError.set(null);
                }
            });
        }
    }

    public FxTaskAdapter tasks() {
        return tasks;
    }

    public ModelsViewModel models() {
        return models;
    }

    public RunsViewModel runs() {
        return runs;
    }

    public PreviewViewModel preview() {
        return preview;
    }

    public LandscapeViewModel landscape() {
        return landscape;
    }

    public SessionViewModel session() {
        return session;
    }

    public StudyViewModel study() {
        return study;
    }

    public StringProperty backendProperty() {
        return backend;
    }

    public StringProperty memoryProperty() {
        return memory;
    }

    public StringProperty lastErrorProperty() {
        return lastError;
    }

    /** Where user-facing errors go besides {@link #lastErrorProperty()} (the view shows a dialog). */
    public void setErrorSink(Consumer<String> sink) {
        errorSink = sink == null ? m -> { } : sink;
    }

    void error(String message) {
        LOG.warn(message);
        lastError.set(message);
        errorSink.accept(message);
    }

    /** Asks ND4J which backend it runs on (loading the native libraries takes seconds: off the FX thread). */
    public void probeBackend() {
        tasks.submit("ND4J backend", m -> org.lmcx.nn.BackendInfo.describe(), backend::set,
                e -> backend.set("ND4J unavailable: " + FxTaskAdapter.describe(e)));
    }

    /** Refreshes the memory readout and running jobs' elapsed time; called by the app's clock. */
    public void tick() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        memory.set(String.format(Locale.ROOT, "JVM heap %d / %d MiB", used >> 20, rt.maxMemory() >> 20));
        tasks.tick();
    }
}
