package org.lmcx.task;

/**
 * A flag a job polls in its loops (once per sweep, λ point, batch) so a cancel stops it promptly. Shared
 * between whoever cancels (a button, Ctrl-C, a superseded slider request) and the compute thread.
 */
public class Cancellation {

    /** A token that is never cancelled, for calls that have no one to cancel them. */
    public static final Cancellation NEVER = new Cancellation() {
        @Override
        public void cancel() {
            throw new UnsupportedOperationException("Cancellation.NEVER cannot be cancelled");
        }
    };

    private volatile boolean cancelled;
    private final Foreground yieldTo;

    public Cancellation() {
        this(null);
    }

    /** A token whose checks also pause while {@code yieldTo} has interactive work running (null: never pause). */
    public Cancellation(Foreground yieldTo) {
        this.yieldTo = yieldTo;
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Waits while interactive work has the machine (see {@link Foreground}), then throws if cancelled.
     *
     * @throws CancelledException if cancel() has been called
     */
    public void check() {
        if (yieldTo != null && !cancelled && yieldTo.busy()) {
            yieldTo.awaitTurn(this);
        }
        if (cancelled) {
            throw new CancelledException();
        }
    }
}
