package org.lmcx.task;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * "Never compute on the UI thread" as a run-time check: the numeric entry points (building and evaluating a
 * network, SVDs, the matchers' linear algebra, a matcher's result) call {@link #check}; a front end that has a
 * thread where that must not happen installs a test for it with {@link #forbid} (the JavaFX tests install
 * {@code Platform::isFxApplicationThread}), and every call made there is recorded with its stack. Core code
 * thus states the rule without importing any UI toolkit. With nothing installed a check is one volatile read.
 */
public final class ComputeThreadGuard {

    private static volatile BooleanSupplier forbidden;
    private static final List<String> VIOLATIONS = new CopyOnWriteArrayList<>();

    private ComputeThreadGuard() {
    }

    /** From now on, numeric work on a thread for which {@code onForbiddenThread} is true is recorded. */
    public static void forbid(BooleanSupplier onForbiddenThread) {
        forbidden = onForbiddenThread;
    }

    /** Stops checking and forgets the recorded violations. */
    public static void reset() {
        forbidden = null;
        VIOLATIONS.clear();
    }

    /** Called at the start of numeric work; {@code what} names it. */
    public static void check(String what) {
        BooleanSupplier f = forbidden;
        if (f != null && f.getAsBoolean()) {
            StringBuilder sb = new StringBuilder(what).append(" on thread ").append(Thread.currentThread().getName());
            for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
                sb.append("\n    at ").append(e);
            }
            VIOLATIONS.add(sb.toString());
        }
    }

    /** What ran where it must not, each with its stack, in order. */
    public static List<String> violations() {
        return List.copyOf(VIOLATIONS);
    }
}
