package org.lmcx.cli;

import org.lmcx.task.Progress;

import java.io.PrintStream;

/**
 * A one-line progress bar on stderr (redrawn with carriage returns, at most every 100 ms), so stdout stays
 * clean for tables and JSON. Silent when stderr is not a terminal and {@code quiet} is set.
 */
final class ConsoleProgress implements Progress {

    private final PrintStream err;
    private final boolean enabled;
    private long lastDraw;
    private int lastWidth;

    ConsoleProgress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public synchronized void update(double fraction, String message) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L && fraction < 1) {
            return;
        }
        lastDraw = now;
        int width = 30;
        int filled = fraction < 0 ? 0 : (int) Math.round(Math.min(1, fraction) * width);
        String bar = "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] "
                + (fraction < 0 ? "   " : String.format("%3d%%", Math.round(fraction * 100))) + " " + message;
        if (bar.length() > 110) {
            bar = bar.substring(0, 110);
        }
        err.print("\r" + bar + " ".repeat(Math.max(0, lastWidth - bar.length())));
        lastWidth = bar.length();
        err.flush();
    }

    /** Ends the bar's line so later output starts on a fresh one. */
    synchronized void done() {
        if (enabled && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }
}
