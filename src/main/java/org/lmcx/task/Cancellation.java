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

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** @throws CancelledException if cancel() has been called */
    public void check() {
        if (cancelled) {
            throw new CancelledException();
        }
    }
}
