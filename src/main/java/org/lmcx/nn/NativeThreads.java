package org.lmcx.nn;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many threads libnd4j's own loops and its BLAS use in this process. A study running several cells at
 * once gives each worker its share of the cores instead of letting every worker's ops spread over all of them.
 */
public final class NativeThreads {

    private NativeThreads() {
    }

    public static void limit(int threads) {
        int n = Math.max(1, threads);
        Nd4j.getEnvironment().setMaxThreads(n);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
    }

    /** Applies {@code OMP_NUM_THREADS} when it is set to a whole number (as Slurm tasks and study workers get it). */
    public static void limitFromEnvironment() {
        String threads = System.getenv("OMP_NUM_THREADS");
        if (threads != null && threads.matches("\\d+")) {
            limit(Integer.parseInt(threads));
        }
    }

    public static int current() {
        return Nd4j.getEnvironment().maxThreads();
    }
}
