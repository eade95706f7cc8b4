package org.lmcx.cli;

import org.lmcx.analysis.Interpolation;
import org.lmcx.model.Architecture;
import org.lmcx.model.ArchitectureDescriptor;
import org.lmcx.model.Architectures;
import org.lmcx.model.Dataset;
import org.lmcx.model.Layer;
import org.lmcx.model.Model;
import org.lmcx.model.Tensor;
import org.lmcx.nn.Batches;
import org.lmcx.nn.NativePlatform;
import org.lmcx.nn.Network;
import org.lmcx.nn.ParamVector;
import org.lmcx.task.Monitor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code lmcx bench}: every hot path beside a baseline measured in the same process, so the ratios hold on any
 * machine and under any load that affects both alike. Each timing warms up first and reports the median of
 * several repeats. Forward passes are measured both through DL4J's layers (what evaluation used before the
 * fast path) and through the fast path, and divided by the sgemm speed of the same matrix shapes (the im2col
 * view of each convolution): a forward pass cannot beat the gemms it amounts to, so that ratio says how close
 * to the machine's limit it runs.
 */
@Command(name = "bench", description = "Time the hot paths (forward passes, interpolation, LAP, WM, SVD, the slider readout) against "
        + "in-process baselines and, where python3 has numpy and scipy, against them; prints a table and writes "
        + "JSON with --out.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "FILE", description = "write the rows as JSON")
    Path out;
    @Option(names = "--quick", description = "small sizes and one repeat: checks that everything runs, in seconds")
    boolean quick;
    @Option(names = "--repeats", paramLabel = "N", description = "timed repeats per measurement (median reported; "
            + "default 3, 1 with --quick)")
    Integer repeats;
    @Option(names = "--batch", paramLabel = "N", description = "batch of the conv forward rows (default 256)")
    Integer batch;
    @Option(names = "--baseline-lambdas", paramLabel = "N", description = "λ points timed on the DL4J baseline of "
            + "the interpolation rows, scaled to the full grid (default 3: the DL4J ResNet20 curve takes minutes)")
    int baselineLambdas = 3;
    @Option(names = "--no-peer", description = "skip the NumPy/SciPy peer even where python3 has them")
    boolean noPeer;
    @Option(names = "--only", paramLabel = "GROUP", split = ",", description = "run only these groups: conv, mlp, "
            + "interp, lap, wm, svd, slider (default all)")
    List<String> only;

    /**
     * One measurement beside its baseline. {@code ratio} is value ÷ baseline for throughputs (GFLOPS) and
     * baseline ÷ value for times (a speed-up); {@code unit} says which.
     */
    record Row(String id, String what, String unit, double value, String baselineWhat, double baseline,
               double ratio, String note) {
    }

    /** The JSON document. */
    record Report(String backend, String nativeBuild, String platformDecision, boolean quick, int repeats,
                  double loadAverage, List<Row> rows, long peakResidentKb, double seconds) {
    }

    private static final double LONG_RUN_SECONDS = 20;

    private final List<Row> rows = new ArrayList<>() {
        @Override
        public boolean add(Row r) {
            // progress: a long run that is cut short still leaves its rows on stderr
            System.err.printf("bench: %s %s %s (baseline %s, ratio %.3f)%n", r.id(), num(r.value()), r.unit(),
                    num(r.baseline()), r.ratio());
            return super.add(r);
        }
    };
    private int reps;

    @Override
    public Integer call() throws IOException {
        long t0 = System.nanoTime();
        reps = repeats != null ? Math.max(1, repeats) : quick ? 1 : 3;
        int b = batch != null ? batch : quick ? 8 : 256;
        String decision = NativePlatform.select();
        System.err.println("bench: " + org.lmcx.nn.BackendInfo.describe() + "; " + decision + "; load " + loadAverage());

        if (wanted("conv")) {
            convForward("vgg11", vgg11(), b, true);
            convForward("resnet20", resnet20(), b, true);
        }
        if (only != null && only.contains("chunk")) {
            // How the fast path's chunk size was chosen (not in the default run: it adds minutes).
            for (int c : new int[]{32, 64, 128, 256}) {
                System.setProperty("lmcx.forward.chunk", String.valueOf(c));
                convForward("vgg11.chunk" + c, vgg11(), b, false);
                convForward("resnet20.chunk" + c, resnet20(), b, false);
            }
            System.clearProperty("lmcx.forward.chunk");
        }
        if (wanted("mlp")) {
            mlpForward(quick ? 500 : 10_000);
        }
        if (wanted("interp")) {
            interpolation("mlp", mlp(), quick ? 100 : 2_000, quick ? 3 : 25);
            interpolation("resnet20", resnet20(), quick ? 16 : 1_000, quick ? 3 : 25);
        }
        if (wanted("lap") || wanted("wm") || wanted("svd")) {
            PythonPeer peer = noPeer ? null : MatchingBench.startPeer();
            try {
                MatchingBench m = new MatchingBench(this, rows::add, peer);
                if (wanted("lap")) {
                    m.lap(quick ? 64 : 512, reps);
                }
                if (wanted("wm")) {
                    m.weightMatching(reps);
                }
                if (wanted("svd")) {
                    m.svd(quick ? 64 : 512, quick ? 64 : 512, reps);
                    m.svd(quick ? 64 : 512, quick ? 576 : 4608, reps);
                }
            } finally {
                if (peer != null) {
                    peer.close();
                }
            }
        }

        if (wanted("slider")) {
            try {
                new SliderBench(rows::add, quick).run(quick ? 3 : 60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        long hwm = peakResidentKb();
        rows.add(new Row("memory.peak", "peak resident memory (VmHWM)", "MiB", hwm / 1024.0, null, Double.NaN,
                Double.NaN, "whole run, JVM heap and ND4J off-heap"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        print();
        System.out.printf("%nbackend %s; %s; load average %.2f; %d repeats (median); %.0f s%n", org.lmcx.nn.BackendInfo.describe(),
                NativePlatform.loadedOneDnn() ? "libnd4j with oneDNN" : "plain libnd4j", loadAverage(), reps, seconds);
        if (out != null) {
            Json.write(out, new Report(org.lmcx.nn.BackendInfo.describe(), NativePlatform.loadedOneDnn() ? "onednn" : "plain",
                    decision, quick, reps, loadAverage(), rows, hwm, seconds));
        }
        return 0;
    }

    private boolean wanted(String group) {
        return only == null || only.isEmpty() || only.contains(group);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Forward passes

    private void convForward(String name, Architecture arch, int n, boolean withDl4j) {
        Network net = Network.build(arch);
        net.load(randomModel(arch, 1));
        Batches data = net.batches(randomData(arch, n, 2), n);
        List<long[]> gemms = gemmShapes(arch, n);
        double flops = flops(gemms);
        String note = String.format("%s, batch %d, %.1f GFLOP per pass (conv + dense)", shape(arch), n, flops / 1e9);
        double[] t = interleaved(sgemmRun(gemms), () -> net.logits(data, Network.Engine.FAST),
                withDl4j ? () -> net.logits(data, Network.Engine.DL4J) : null);
        double sgemm = flops / t[0] / 1e9;
        double fast = flops / t[1] / 1e9;
        if (withDl4j) {
            double dl4j = flops / t[2] / 1e9;
            rows.add(new Row("conv." + name + ".dl4j", name + " forward, DL4J layers", "GFLOPS", dl4j,
                    "sgemm, im2col shapes", sgemm, dl4j / sgemm, note));
        }
        rows.add(new Row("conv." + name + ".fast", name + " forward, fast path", "GFLOPS", fast,
                "sgemm, im2col shapes", sgemm, fast / sgemm, note));
    }

    private void mlpForward(int n) {
        Architecture arch = mlp();
        Network net = Network.build(arch);
        net.load(randomModel(arch, 3));
        Batches data = net.batches(randomData(arch, n, 4), n);
        List<long[]> gemms = gemmShapes(arch, n);
        double flops = flops(gemms);
        double[] t = interleaved(sgemmRun(gemms), () -> net.logits(data, Network.Engine.FAST),
                () -> net.logits(data, Network.Engine.DL4J));
        double sgemm = flops / t[0] / 1e9;
        double fast = flops / t[1] / 1e9;
        double dl4j = flops / t[2] / 1e9;
        String note = n + " inputs, one batch";
        rows.add(new Row("mlp.forward.dl4j", mlp().name() + " forward, DL4J layers", "GFLOPS", dl4j,
                "sgemm, same shapes", sgemm, dl4j / sgemm, note));
        rows.add(new Row("mlp.forward.fast", mlp().name() + " forward, fast path", "GFLOPS", fast,
                "sgemm, same shapes", sgemm, fast / sgemm, note));
    }

    /**
     * The curve through {@link Interpolation#run} (the fast path, as the app runs it) against the same loop
     * evaluated through DL4J's layers; the baseline times {@link #baselineLambdas} points and scales to the grid.
     */
    private void interpolation(String name, Architecture arch, int n, int points) {
        Model a = randomModel(arch, 5);
        Model b = randomModel(arch, 6);
        Dataset test = randomData(arch, n, 7);
        Interpolation.Options opts = new Interpolation.Options(Interpolation.grid(0, 1, points), false, 500);
        System.gc();
        long before = resetPeakResident();
        double fast = time(() -> Interpolation.run(name, a, b, null, test, null, opts, Monitor.NONE));
        long fastPeak = Math.max(0, peakResidentKb() - before);
        Network net = Network.build(arch);
        ParamVector pa = net.paramsOf(a);
        ParamVector pb = net.paramsOf(b);
        Batches batches = net.batches(test, 500);
        int timed = Math.max(1, Math.min(points, baselineLambdas));
        double[] lambdas = Interpolation.grid(0, 1, timed);
        System.gc();
        before = resetPeakResident();
        double dl4j = time(() -> {
            for (double l : lambdas) {
                net.loadInterpolated(pa, pb, l);
                net.logits(batches, Network.Engine.DL4J);
            }
        }) * points / timed;
        long dl4jPeak = Math.max(0, peakResidentKb() - before);
        rows.add(new Row("interp." + name, name + " interpolation curve, " + points + " λ, " + n + " inputs", "s",
                fast, "same curve through DL4J layers", dl4j, dl4j / fast,
                "baseline timed on " + timed + " λ and scaled; batch 500"));
        if (before >= 0) {
            rows.add(new Row("memory.interp." + name, name + " curve: peak RSS growth, fast path", "MiB",
                    fastPeak / 1024.0, "same through DL4J layers", dl4jPeak / 1024.0,
                    (double) dl4jPeak / Math.max(1, fastPeak), "VmHWM after reset via /proc/self/clear_refs"));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Shapes, data and timing

    /**
     * {@code {m, k, n}} of the gemm each conv (im2col: rows = batch·output pixels, k = in·kernel²) and dense
     * layer amounts to.
     */
    static List<long[]> gemmShapes(Architecture arch, int batch) {
        List<long[]> out = new ArrayList<>();
        walk(arch.layers(), arch.inputShape(), batch, out);
        return out;
    }

    private static int[] walk(List<Layer> layers, int[] in, int batch, List<long[]> out) {
        int[] s = in.clone();
        for (Layer l : layers) {
            for (List<Layer> branch : l.branches()) {
                walk(branch, s, batch, out);
            }
            long[] g = l.gemm(s);
            if (g != null) {
                out.add(new long[]{batch * g[0], g[1], g[2]});
            }
            s = l.outputShape(s);
        }
        return s;
    }

    static double flops(List<long[]> gemms) {
        double f = 0;
        for (long[] g : gemms) {
            f += 2.0 * g[0] * g[1] * g[2];
        }
        return f;
    }

    /**
     * Medians of the given runs (null entries skipped, NaN returned) timed in alternation, round by round, so that
     * a change of machine load during the measurement hits the path and its baseline alike.
     */
    private double[] interleaved(Runnable... runs) {
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
    private Runnable sgemmRun(List<long[]> shapes) {
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

    /** --quick shrinks widths (a smoke run checks that every path runs, not how fast). */
    private Architecture vgg11() {
        return Architectures.build(ArchitectureDescriptor.vgg("vgg11", new int[]{3, 32, 32}, 10, quick ? 0.125 : 1.0,
                false));
    }

    private Architecture resnet20() {
        return Architectures.build(ArchitectureDescriptor.resnet20(new int[]{3, 32, 32}, 10, quick ? 0.25 : 1.0));
    }

    Architecture mlp() {
        int h = quick ? 64 : 512;
        return Architectures.build(ArchitectureDescriptor.mlp(new int[]{784}, new int[]{h, h}, 10, null));
    }

    private static String shape(Architecture arch) {
        return Arrays.toString(arch.inputShape()).replace(" ", "");
    }

    /** He-scaled Gaussian weights, BN near identity with positive variances. */
    static Model randomModel(Architecture arch, long seed) {
        return org.lmcx.model.RandomModels.random(arch, seed);
    }

    static Dataset randomData(Architecture arch, int n, long seed) {
        Random r = new Random(seed);
        int per = arch.inputSize();
        float[] f = new float[n * per];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) r.nextGaussian();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(arch.numClasses());
        }
        return new Dataset("random " + n, arch.inputShape(), f, labels, arch.numClasses());
    }

    private static long peakResidentKb() {
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
    private static long resetPeakResident() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return peakResidentKb();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Output

    private void print() {
        System.out.printf("%-22s %-50s %12s %-8s %-34s %12s %8s%n", "id", "hot path", "value", "unit", "baseline",
                "baseline", "ratio");
        for (Row r : rows) {
            System.out.printf("%-22s %-50s %12s %-8s %-34s %12s %8s%n", r.id(), clip(r.what(), 50), num(r.value()),
                    r.unit(), r.baselineWhat() == null ? "" : clip(r.baselineWhat(), 34), num(r.baseline()),
                    Double.isNaN(r.ratio()) ? "" : String.format("%.3f", r.ratio()));
        }
        System.out.println("ratio: GFLOPS rows value ÷ sgemm; time rows baseline ÷ value (speed-up)");
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return Math.abs(v) >= 100 ? String.format("%.1f", v) : Math.abs(v) >= 1 ? String.format("%.3f", v)
                : String.format("%.4g", v);
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
