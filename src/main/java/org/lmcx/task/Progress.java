package org.lmcx.task;

/**
 * Receives progress from a long computation. Called on the compute thread; implementations hand the
 * values on (the GUI adapter marshals them to the JavaFX thread, the CLI draws a bar on stderr).
 */
@FunctionalInterface
public interface Progress {

    Progress NONE = (fraction, message) -> {
    };

    /**
     * @param fraction done so far in [0, 1], or a negative value when unknown
     * @param message  what is being done now, for people
     */
    void update(double fraction, String message);

    /** A view of this listener that maps [0, 1] to [from, to], for a step inside a larger job. */
    default Progress sub(double from, double to) {
        return (f, m) -> update(f < 0 ? f : from + (to - from) * f, m);
    }
}
