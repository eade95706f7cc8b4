package org.lmcx.task;

/**
 * Gives interactive work the machine for a moment. While the slider's readout is being computed (and for a
 * short grace period after it, so the next step of a drag finds the cores still free) background jobs that
 * share this gate wait at their next cancellation check; then they go on where they were.
 *
 * <p>Why cooperative pausing and not thread priorities: the CPU time is spent in ND4J's OpenMP and OpenBLAS
 * worker threads, native threads that Java priorities do not reach (and Linux ignores Java priorities without
 * privileges), and on a 2-core laptop a background job's BLAS threads would otherwise take half of every
 * core from the readout. Every long loop already polls {@link Cancellation#check()} (once per sweep, λ point,
 * batch), so the pause costs no new code in the analyses and at most one such step of latency.
 */
public final class Foreground {

    /**
     * How long after the last readout background jobs stay paused: longer than the gap between two clicks or
     * drag steps of one interaction, so a job step does not restart between them and meet the next readout
     * half done (300 ms let clicks 0.35 s apart each meet a running Sinkhorn step: p95 100 ms against 55).
     */
    public static final long DEFAULT_GRACE_MILLIS = 1000;

    private final Object lock = new Object();
    private int active;
    private long quietFromNanos;

    /** Interactive work starts; background jobs pause at their next check. */
    public void begin() {
        synchronized (lock) {
            active++;
        }
    }

    /** Interactive work ends; background jobs resume after {@code graceMillis} unless it begins again. */
    public void end(long graceMillis) {
        synchronized (lock) {
            active = Math.max(0, active - 1);
            quietFromNanos = Math.max(quietFromNanos, System.nanoTime() + graceMillis * 1_000_000L);
            lock.notifyAll();
        }
    }

    /** Whether background jobs should be waiting now. */
    public boolean busy() {
        synchronized (lock) {
            return active > 0 || System.nanoTime() - quietFromNanos < 0;
        }
    }

    /**
     * Blocks a background job while interactive work runs; returns at once otherwise or when {@code c} is
     * cancelled (the caller's check then throws).
     */
    void awaitTurn(Cancellation c) {
        synchronized (lock) {
            while (!c.isCancelled()) {
                long waitNanos = active > 0 ? 50_000_000L : quietFromNanos - System.nanoTime();
                if (waitNanos <= 0) {
                    return;
                }
                try {
                    // bounded, so a cancel (which does not notify this lock) is seen within 50 ms
                    lock.wait(Math.max(1, Math.min(50, waitNanos / 1_000_000L)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
