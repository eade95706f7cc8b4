package org.lmcx.task;

/** Thrown from inside a job's loop when its {@link Cancellation} was cancelled; not an error. */
public class CancelledException extends RuntimeException {

    public CancelledException() {
        super("cancelled", null, false, false);
    }
}
