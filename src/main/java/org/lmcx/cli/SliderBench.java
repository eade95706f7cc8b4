package org.lmcx.cli;

import org.lmcx.analysis.Interpolation;
import org.lmcx.io.CheckpointLoader;
import org.lmcx.io.DatasetLoader;
import org.lmcx.io.DemoAssets;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.runner.LambdaPreview;
import org.lmcx.task.ComputeTaskService;
import org.lmcx.task.Foreground;
import org.lmcx.task.JobHandle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code lmcx bench --only slider}: the slider's readout latency (request → readout handed over), measured with
 * the GUI's own {@link LambdaPreview} on the demo pair and its 500-image preview subset, one request every
 * {@value #GAP_MS} ms at random λ, in three settings alternated in rounds within one run: nothing else running
 * (the baseline); an interpolation job running on a compute lane that does not yield (the GUI before this
 * round); the same job on a lane that yields to the readout through a {@link Foreground} (the GUI now). Rows
 * report the 95th percentile; the ratio is the baseline's p95 ÷ the setting's.
 */
final class SliderBench {

    static final int GAP_MS = 150;
    private static final int ROUNDS = 3;

    private final Consumer<BenchCommand.Row> rows;
    /** Uncounted requests before the rounds, and how long a background job runs before requests start. */
    private final int warmup;
    private final long settleMillis;

    SliderBench(Consumer<BenchCommand.Row> rows, boolean quick) {
        this.rows = rows;
        this.warmup = quick ? 2 : 15;
        this.settleMillis = quick ? 200 : 1000;
    }

    void run(int requests) throws InterruptedException {
        Model a = CheckpointLoader.load(DemoAssets.model(0), null);
        Model b = CheckpointLoader.load(DemoAssets.model(1), null);
        Dataset preview = DatasetLoader.load(DemoAssets.dataDir(), DatasetLoader.Split.TEST, null,
                DatasetLoader.Subset.first(500));
        Dataset train = DatasetLoader.load(DemoAssets.dataDir(), DatasetLoader.Split.TRAIN);
        // The readout's cost does not depend on which permutation made π(B): B itself stands in for it.
        LambdaPreview.Config config = new LambdaPreview.Config(a, () -> b, () -> preview, null);

        // Rounds alternate the three settings so that load from elsewhere and the JIT's progress fall on all
        // of them alike; a first, uncounted round lets the JIT compile the readout's and the job's code.
        latencies(config, warmup, new Foreground(), true, a, b, train);
        int perRound = Math.max(1, requests / ROUNDS);
        double[] idle = new double[0];
        double[] contended = new double[0];
        double[] yielding = new double[0];
        for (int round = 0; round < ROUNDS; round++) {
            idle = concat(idle, latencies(config, perRound, null, false, a, b, train));
            contended = concat(contended, latencies(config, perRound, null, true, a, b, train));
            yielding = concat(yielding, latencies(config, perRound, new Foreground(), true, a, b, train));
        }
        double base = p95(idle);
        String what = "slider readout p95, demo MLP, 500 images, " + requests + " requests every " + GAP_MS + " ms";
        rows.accept(new BenchCommand.Row("slider.idle", what + ", nothing else running", "ms", base,
                "same", base, 1, stats(idle)));
        rows.accept(new BenchCommand.Row("slider.job", what + ", a curve job on a lane that does not yield", "ms",
                p95(contended), "nothing else running", base, base / p95(contended), stats(contended)));
        rows.accept(new BenchCommand.Row("slider.job.yield", what + ", the same job yielding (the GUI's lane)", "ms",
                p95(yielding), "nothing else running", base, base / p95(yielding), stats(yielding)));
    }

    /** Latencies of {@code requests} readouts (after one warm-up), with or without a background job. */
    private double[] latencies(LambdaPreview.Config config, int requests, Foreground foreground,
                                      boolean withJob, Model a, Model b, Dataset train) throws InterruptedException {
        List<Double> ms = new ArrayList<>();
        CountDownLatch[] answered = {new CountDownLatch(1)};
        try (ComputeTaskService previewLane = new ComputeTaskService(1);
             ComputeTaskService computeLane = new ComputeTaskService(1, foreground)) {
            LambdaPreview preview = new LambdaPreview(previewLane, foreground, Runnable::run, r -> {
                synchronized (ms) {
                    ms.add(r.latencyMs());
                }
                answered[0].countDown();
            }, s -> { });
            preview.configure(config);
            // not counted: the first request builds the network
            for (int i = 0; i < 2; i++) {
                answered[0] = new CountDownLatch(1);
                preview.request(0.25 + 0.5 * i);
                answered[0].await(60, TimeUnit.SECONDS);
            }
            JobHandle<Void> job = null;
            if (withJob) {
                Interpolation.Options opts = new Interpolation.Options(Interpolation.grid(0, 1, 25), false, 500);
                job = computeLane.submit("background curve", m -> {
                    while (true) {
                        Interpolation.run("background", a, b, train, train, null, opts, m);
                    }
                });
                Thread.sleep(settleMillis); // the job is in full swing
            }
            synchronized (ms) {
                ms.clear();
            }
            Random rnd = new Random(42);
            for (int i = 0; i < requests; i++) {
                answered[0] = new CountDownLatch(1);
                preview.request(rnd.nextDouble());
                answered[0].await(10, TimeUnit.SECONDS);
                Thread.sleep(GAP_MS);
            }
            if (job != null) {
                job.cancel();
            }
        }
        synchronized (ms) {
            return ms.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private static double[] concat(double[] x, double[] y) {
        double[] r = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }

    private static double p95(double[] v) {
        return percentile(v, 0.95);
    }

    private static double percentile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)];
    }

    private static String stats(double[] v) {
        return String.format("n %d, median %.1f ms, p95 %.1f ms, max %.1f ms", v.length, percentile(v, 0.5),
                percentile(v, 0.95), Arrays.stream(v).max().orElse(Double.NaN));
    }
}
