package org.lmcx.task;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A submitted job as its owner sees it: state, progress, timing, the result future and a cancel button.
 * Listeners are called on the thread that changed the state (usually the compute thread); a UI adapter
 * re-posts them to its own thread.
 */
public final class JobHandle<T> {

    public enum State { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final String name;
    private final Cancellation cancellation;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final List<Consumer<JobHandle<T>>> listeners = new CopyOnWriteArrayList<>();
    private volatile State state = State.QUEUED;
    private volatile double progress = -1;
    private volatile String message = "queued";
    private volatile long startNanos;
    private volatile long endNanos;
    private volatile Throwable error;

    JobHandle(String name) {
        this(name, null);
    }

    /** A job whose cancellation checks pause while {@code yieldTo} has interactive work (null: never). */
    JobHandle(String name, Foreground yieldTo) {
        this.name = name;
        this.cancellation = new Cancellation(yieldTo);
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public State state() {
        return state;
    }

    public boolean isDone() {
        return state == State.SUCCEEDED || state == State.FAILED || state == State.CANCELLED;
    }

    /** Fraction in [0,1], or negative while unknown. */
    public double progress() {
        return progress;
    }

    public String message() {
        return message;
    }

    public Throwable error() {
        return error;
    }

    /** Seconds since the job started (until it ended, once done); 0 while queued. */
    public double elapsedSeconds() {
        if (startNanos == 0) {
            return 0;
        }
        long end = endNanos == 0 ? System.nanoTime() : endNanos;
        return (end - startNanos) / 1e9;
    }

    public CompletableFuture<T> result() {
        return result;
    }

    public void cancel() {
        cancellation.cancel();
        if (state == State.QUEUED) {
            finish(State.CANCELLED, null, null);
        }
    }

    public void addListener(Consumer<JobHandle<T>> listener) {
        listeners.add(listener);
    }

    /** Runs the job on the calling thread; used by the task services. */
    void execute(Job<T> job) {
        if (cancellation.isCancelled()) {
            return;
        }
        startNanos = System.nanoTime();
        state = State.RUNNING;
        message = "running";
        fire();
        Monitor monitor = new Monitor((f, m) -> {
            progress = f;
            message = m;
            fire();
        }, cancellation);
        try {
            T value = job.run(monitor);
            if (cancellation.isCancelled()) {
                finish(State.CANCELLED, null, null);
            } else {
                progress = 1;
                finish(State.SUCCEEDED, value, null);
            }
        } catch (CancelledException e) {
            finish(State.CANCELLED, null, null);
        } catch (Throwable e) {
            finish(State.FAILED, null, e);
        }
    }

    private void finish(State s, T value, Throwable e) {
        endNanos = System.nanoTime();
        error = e;
        message = switch (s) {
            case SUCCEEDED -> "done";
            case CANCELLED -> "cancelled";
            case FAILED -> e.getMessage() == null ? e.toString() : e.getMessage();
            default -> message;
        };
        state = s;
        fire();
        switch (s) {
            case SUCCEEDED -> result.complete(value);
            case CANCELLED -> result.completeExceptionally(new CancelledException());
            default -> result.completeExceptionally(e);
        }
    }

    private void fire() {
        for (Consumer<JobHandle<T>> l : listeners) {
            l.accept(this);
        }
    }

    @Override
    public String toString() {
        return "job " + id + " " + name + " " + state;
    }
}
