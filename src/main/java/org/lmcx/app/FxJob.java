package org.lmcx.app;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.lmcx.task.JobHandle;

/**
 * A job as the Jobs panel shows it: JavaFX properties mirroring a {@link JobHandle}, only ever written on
 * the FX thread (by {@link FxTaskAdapter}). A job answered from the result cache is a finished FxJob without
 * a handle.
 */
public final class FxJob {

    private final String name;
    private final JobHandle<?> handle;
    private final ObjectProperty<JobHandle.State> state = new SimpleObjectProperty<>(JobHandle.State.QUEUED);
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty message = new SimpleStringProperty("queued");
    private final DoubleProperty elapsed = new SimpleDoubleProperty(0);
    private final StringProperty error = new SimpleStringProperty();

    FxJob(String name, JobHandle<?> handle) {
        this.name = name;
        this.handle = handle;
    }

    /** A finished entry for a result that came from the cache. */
    static FxJob cached(String name) {
        FxJob j = new FxJob(name, null);
        j.state.set(JobHandle.State.SUCCEEDED);
        j.progress.set(1);
        j.message.set("cached result reused");
        return j;
    }

    public String name() {
        return name;
    }

    public ReadOnlyObjectProperty<JobHandle.State> stateProperty() {
        return state;
    }

    public JobHandle.State getState() {
        return state.get();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyDoubleProperty elapsedProperty() {
        return elapsed;
    }

    /** The failure text ("file: problem"), null unless the job failed. */
    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    public boolean isDone() {
        JobHandle.State s = state.get();
        return s == JobHandle.State.SUCCEEDED || s == JobHandle.State.FAILED || s == JobHandle.State.CANCELLED;
    }

    public void cancel() {
        if (handle != null) {
            handle.cancel();
        }
    }

    /** Copies the handle's current state; FX thread. */
    void sync() {
        if (handle == null) {
            return;
        }
        state.set(handle.state());
        progress.set(handle.isDone() && handle.state() != JobHandle.State.SUCCEEDED ? progress.get()
                : handle.progress());
        message.set(handle.message());
        elapsed.set(handle.elapsedSeconds());
        if (handle.state() == JobHandle.State.FAILED) {
            error.set(FxTaskAdapter.describe(handle.error()));
        }
    }
}
