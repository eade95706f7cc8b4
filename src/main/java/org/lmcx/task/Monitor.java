package org.lmcx.task;

/**
 * What every long operation receives: where to report progress and what to poll for cancellation.
 */
public record Monitor(Progress progress, Cancellation cancellation) {

    public static final Monitor NONE = new Monitor(Progress.NONE, Cancellation.NEVER);

    public void update(double fraction, String message) {
        progress.update(fraction, message);
    }

    public void checkCancelled() {
        cancellation.check();
    }

    /** The same cancellation with progress mapped into [from, to]. */
    public Monitor sub(double from, double to) {
        return new Monitor(progress.sub(from, to), cancellation);
    }
}
