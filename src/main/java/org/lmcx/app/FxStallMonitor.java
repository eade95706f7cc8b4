package org.lmcx.app;

import javafx.animation.AnimationTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures how long the FX thread goes without a pulse: an AnimationTimer keeps pulses coming at the
 * display rate, so a gap much longer than a frame means the thread was busy (or blocked). Off by default
 * (it keeps the CPU awake); enable with {@code -Dlmcx.stallMonitor=true}, read {@link #maxGapMs()} or the log.
 */
public final class FxStallMonitor extends AnimationTimer {

    private static final Logger LOG = LoggerFactory.getLogger(FxStallMonitor.class);

    private long last;
    private long windowStart;
    private double maxGapMs;
    private double windowMaxMs;

    @Override
    public void handle(long now) {
        if (last != 0) {
            double gap = (now - last) / 1e6;
            maxGapMs = Math.max(maxGapMs, gap);
            windowMaxMs = Math.max(windowMaxMs, gap);
        }
        if (windowStart == 0) {
            windowStart = now;
        }
        if (now - windowStart > 10_000_000_000L) {
            LOG.info("longest FX pulse gap in the last 10 s: {} ms (overall {} ms)",
                    String.format("%.1f", windowMaxMs), String.format("%.1f", maxGapMs));
            windowStart = now;
            windowMaxMs = 0;
        }
        last = now;
    }

    /** Longest gap between consecutive pulses since start (or {@link #reset()}). */
    public double maxGapMs() {
        return maxGapMs;
    }

    public void reset() {
        maxGapMs = 0;
        last = 0;
    }
}
