package org.lmcx.app;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.lmcx.task.CancelledException;
import org.lmcx.task.Job;
import org.lmcx.task.JobHandle;
import org.lmcx.task.TaskService;

import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The view models' only door to the compute thread (JabRef's TaskExecutor idea): submits a {@link Job} to a
 * {@link TaskService} and re-posts everything that comes back onto the UI executor
 * ({@code Platform::runLater} in the app, {@code Runnable::run} in view-model tests).
 *
 * <p>Progress events are coalesced: a job reporting every few microseconds schedules at most one pending
 * update, which reads the handle's latest state when it runs, so the FX queue never floods.
 */
public final class FxTaskAdapter {

    private final TaskService service;
    private final TaskService io;
    private final Executor ui;
    private final ObservableList<FxJob> jobs = FXCollections.observableArrayList();

    /** One lane for everything (tests with a same-thread service). */
    public FxTaskAdapter(TaskService service, Executor ui) {
        this(service, service, ui);
    }

    /**
     * @param compute matching, curves, landscapes: long numeric jobs, one at a time
     * @param io      opening models and sessions, saving: short jobs that must never wait behind a computation
     */
    public FxTaskAdapter(TaskService compute, TaskService io, Executor ui) {
        this.service = compute;
        this.io = io;
        this.ui = ui;
    }

    /** Every job submitted (and cached answers), oldest first; modified on the UI thread only. */
    public ObservableList<FxJob> jobs() {
        return jobs;
    }

    public Executor ui() {
        return ui;
    }

    /**
     * @param onSuccess UI thread, with the result
     * @param onFailure UI thread, with the error (not called on cancel)
     */
    public <T> FxJob submit(String name, Job<T> job, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return submit(name, job, onSuccess, onFailure, null);
    }

    /** As above; {@code onCancel} (UI thread, may be null) runs when the job was cancelled. */
    public <T> FxJob submit(String name, Job<T> job, Consumer<T> onSuccess, Consumer<Throwable> onFailure,
                            Runnable onCancel) {
        return submitTo(service, name, job, onSuccess, onFailure, onCancel);
    }

    /** As {@link #submit}, on the I/O lane: reading a checkpoint or session never queues behind a long job. */
    public <T> FxJob submitIo(String name, Job<T> job, Consumer<T> onSuccess, Consumer<Throwable> onFailure,
                              Runnable onCancel) {
        return submitTo(io, name, job, onSuccess, onFailure, onCancel);
    }

    /**
     * On the I/O lane without a row in the Jobs panel: housekeeping the user did not ask for (the workspace's
     * autosave), which would otherwise bury the jobs that matter.
     */
    public <T> void submitQuiet(String name, Job<T> job, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        JobHandle<T> handle = io.submit(name, job);
        // The callback handles the failure; the future whenComplete returns would only repeat it.
        var unused = handle.result().whenComplete((value, error) -> ui.execute(() -> {
            if (error == null) {
                onSuccess.accept(value);
            } else if (!(unwrap(error) instanceof CancelledException)) {
                onFailure.accept(unwrap(error));
            }
        }));
    }

    private <T> FxJob submitTo(TaskService lane, String name, Job<T> job, Consumer<T> onSuccess,
                               Consumer<Throwable> onFailure, Runnable onCancel) {
        // Events fired before the listener is attached are not lost: sync() reads the handle's latest state,
        // and completion always arrives through the result future below.
        JobHandle<T> handle = lane.submit(name, job);
        FxJob f = new FxJob(name, handle);
        AtomicBoolean pending = new AtomicBoolean();
        handle.addListener(h -> {
            if (pending.compareAndSet(false, true)) {
                ui.execute(() -> {
                    pending.set(false);
                    f.sync();
                });
            }
        });
        ui.execute(() -> {
            jobs.add(f);
            f.sync();
        });
        // The callback handles the failure; the future whenComplete returns would only repeat it.
        var unused = handle.result().whenComplete((value, error) -> ui.execute(() -> {
            f.sync();
            if (error == null) {
                if (onSuccess != null) {
                    onSuccess.accept(value);
                }
            } else if (unwrap(error) instanceof CancelledException) {
                if (onCancel != null) {
                    onCancel.run();
                }
            } else if (onFailure != null) {
                onFailure.accept(unwrap(error));
            }
        }));
        return f;
    }

    /** Records an answer from the result cache as a finished job. */
    public FxJob cached(String name) {
        FxJob f = FxJob.cached(name);
        ui.execute(() -> jobs.add(f));
        return f;
    }

    /** Refreshes elapsed time of running jobs (called by the app's clock); UI thread. */
    public void tick() {
        for (FxJob j : jobs) {
            if (!j.isDone()) {
                j.sync();
            }
        }
    }

    static Throwable unwrap(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** A message for people: the exception's own text (ours name the file), else its type. */
    public static String describe(Throwable e) {
        e = unwrap(e);
        if (e == null) {
            return "";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
