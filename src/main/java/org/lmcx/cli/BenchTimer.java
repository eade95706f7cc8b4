package org.lmcx.cli;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How {@code lmcx bench} times: medians of repeats after a warm-up, paths and their baselines alternated round
 * by round, sgemm of given shapes as the machine's limit, and the process's peak resident memory.
 */
final class BenchTimer {

    private static final double LONG_RUN_SECONDS = 20;

    private final boolean quick;
    private final int reps;

    BenchTimer(boolean quick, int reps) {
        this.quick = quick;
        this.reps = reps;
    }

    /**
     * Medians of the given runs (null entries skipped, NaN returned) timed in alternation, round by round, so that
     * a change of machine load during the measurement hits the path and its baseline alike.
     */
    double[] interleaved(Runnable... runs) {
        double[][] t = new double[runs.length][reps];
        boolean[] once = new boolean[runs.length];
        for (int i = 0; i < runs.length; i++) {
            if (runs[i] != null && !quick) {
                long s = System.nanoTime();
                runs[i].run();
                double first = (System.nanoTime() - s) / 1e9;
                once[i] = first > LONG_RUN_SECONDS;
                Arrays.fill(t[i], first);
            }
        }
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < runs.length; i++) {
                if (runs[i] != null && !once[i]) {
                    long s = System.nanoTime();
                    runs[i].run();
                    t[i][r] = (System.nanoTime() - s) / 1e9;
                }
            }
        }
        double[] out = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            out[i] = runs[i] == null ? Double.NaN : median(t[i]);
        }
        return out;
    }

    private static double median(double[] v) {
        double[] t = v.clone();
        Arrays.sort(t);
        int n = t.length;
        return n % 2 == 1 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
    }

    /** All the gemms of {@code shapes} as one run, operands allocated once, here, outside any timing. */
    Runnable sgemmRun(List<long[]> shapes) {
        List<INDArray[]> ops = new ArrayList<>();
        for (long[] s : shapes) {
            ops.add(new INDArray[]{Nd4j.rand(DataType.FLOAT, s[0], s[1]), Nd4j.rand(DataType.FLOAT, s[1], s[2]),
                    Nd4j.create(DataType.FLOAT, new long[]{s[0], s[2]}, 'c')});
        }
        return () -> {
            for (INDArray[] o : ops) {
                Nd4j.gemm(o[0], o[1], o[2], false, false, 1.0, 0.0);
            }
        };
    }

    /** Median time of all the gemms together, operands allocated once and outside the timing. */
    double sgemmSeconds(List<long[]> shapes) {
        List<INDArray[]> ops = new ArrayList<>();
        for (long[] s : shapes) {
            ops.add(new INDArray[]{Nd4j.rand(DataType.FLOAT, s[0], s[1]), Nd4j.rand(DataType.FLOAT, s[1], s[2]),
                    Nd4j.create(DataType.FLOAT, new long[]{s[0], s[2]}, 'c')});
        }
        double t = time(() -> {
            for (INDArray[] o : ops) {
                Nd4j.gemm(o[0], o[1], o[2], false, false, 1.0, 0.0);
            }
        });
        ops.clear();
        System.gc();
        return t;
    }

    /**
     * Median of {@link #reps} timed runs after one warm-up run (none with --quick), in seconds. A warm-up that
     * takes over {@link #LONG_RUN_SECONDS} is itself the measurement: start-up effects are lost in it, and
     * repeating DL4J's ResNet20 curve would add a quarter of an hour.
     */
    double time(Runnable r) {
        if (!quick) {
            long s = System.nanoTime();
            r.run();
            double first = (System.nanoTime() - s) / 1e9;
            if (first > LONG_RUN_SECONDS) {
                return first;
            }
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long s = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - s) / 1e9;
        }
        Arrays.sort(t);
        return reps % 2 == 1 ? t[reps / 2] : (t[reps / 2 - 1] + t[reps / 2]) / 2;
    }

    static long peakResidentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: reported as -1
        }
        return -1;
    }

    /** Resets VmHWM to the current RSS (Linux: "5" to clear_refs) and returns it, or -1 where unsupported. */
    static long resetPeakResident() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return peakResidentKb();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
