package org.lmcx.cli;

import org.lmcx.analysis.Interpolation;
import org.lmcx.cli.BenchCommand.Row;
import org.lmcx.model.Architecture;
import org.lmcx.model.ArchitectureDescriptor;
import org.lmcx.model.Architectures;
import org.lmcx.model.Dataset;
import org.lmcx.model.Layer;
import org.lmcx.model.Model;
import org.lmcx.nn.Batches;
import org.lmcx.nn.Network;
import org.lmcx.nn.ParamVector;
import org.lmcx.task.Monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The bench rows of forward passes ({@code --only conv, mlp, interp}): CIFAR VGG11 and ResNet20 and an MLP
 * through DL4J's layers and through the fast path, each divided by the sgemm speed of the gemms it amounts to,
 * and the interpolation curve against the same loop through DL4J's layers. Also the random models and data
 * they run on, which {@link MatchingBench} reuses.
 */
final class ForwardBench {

    private final BenchTimer timer;
    private final Consumer<Row> rows;
    private final boolean quick;
    private final int baselineLambdas;

    ForwardBench(BenchTimer timer, Consumer<Row> rows, boolean quick, int baselineLambdas) {
        this.timer = timer;
        this.rows = rows;
        this.quick = quick;
        this.baselineLambdas = baselineLambdas;
    }

    void convForward(String name, Architecture arch, int n, boolean withDl4j) {
        Network net = Network.build(arch);
        net.load(randomModel(arch, 1));
        Batches data = net.batches(randomData(arch, n, 2), n);
        List<long[]> gemms = gemmShapes(arch, n);
        double flops = flops(gemms);
        String note = String.format("%s, batch %d, %.1f GFLOP per pass (conv + dense)", shape(arch), n, flops / 1e9);
        double[] t = timer.interleaved(timer.sgemmRun(gemms), () -> net.logits(data, Network.Engine.FAST),
                withDl4j ? () -> net.logits(data, Network.Engine.DL4J) : null);
        double sgemm = flops / t[0] / 1e9;
        double fast = flops / t[1] / 1e9;
        if (withDl4j) {
            double dl4j = flops / t[2] / 1e9;
            rows.accept(new Row("conv." + name + ".dl4j", name + " forward, DL4J layers", "GFLOPS", dl4j,
                    "sgemm, im2col shapes", sgemm, dl4j / sgemm, note));
        }
        rows.accept(new Row("conv." + name + ".fast", name + " forward, fast path", "GFLOPS", fast,
                "sgemm, im2col shapes", sgemm, fast / sgemm, note));
    }

    void mlpForward(int n) {
        Architecture arch = mlp();
        Network net = Network.build(arch);
        net.load(randomModel(arch, 3));
        Batches data = net.batches(randomData(arch, n, 4), n);
        List<long[]> gemms = gemmShapes(arch, n);
        double flops = flops(gemms);
        double[] t = timer.interleaved(timer.sgemmRun(gemms), () -> net.logits(data, Network.Engine.FAST),
                () -> net.logits(data, Network.Engine.DL4J));
        double sgemm = flops / t[0] / 1e9;
        double fast = flops / t[1] / 1e9;
        double dl4j = flops / t[2] / 1e9;
        String note = n + " inputs, one batch";
        rows.accept(new Row("mlp.forward.dl4j", mlp().name() + " forward, DL4J layers", "GFLOPS", dl4j,
                "sgemm, same shapes", sgemm, dl4j / sgemm, note));
        rows.accept(new Row("mlp.forward.fast", mlp().name() + " forward, fast path", "GFLOPS", fast,
                "sgemm, same shapes", sgemm, fast / sgemm, note));
    }

    /**
     * The curve through {@link Interpolation#run} (the fast path, as the app runs it) against the same loop
     * evaluated through DL4J's layers; the baseline times {@link #baselineLambdas} points and scales to the grid.
     */
    void interpolation(String name, Architecture arch, int n, int points) {
        Model a = randomModel(arch, 5);
        Model b = randomModel(arch, 6);
        Dataset test = randomData(arch, n, 7);
        Interpolation.Options opts = new Interpolation.Options(Interpolation.grid(0, 1, points), false, 500);
        System.gc();
        long before = BenchTimer.resetPeakResident();
        double fast = timer.time(() -> Interpolation.run(name, a, b, null, test, null, opts, Monitor.NONE));
        long fastPeak = Math.max(0, BenchTimer.peakResidentKb() - before);
        Network net = Network.build(arch);
        ParamVector pa = net.paramsOf(a);
        ParamVector pb = net.paramsOf(b);
        Batches batches = net.batches(test, 500);
        int timed = Math.max(1, Math.min(points, baselineLambdas));
        double[] lambdas = Interpolation.grid(0, 1, timed);
        System.gc();
        before = BenchTimer.resetPeakResident();
        double dl4j = timer.time(() -> {
            for (double l : lambdas) {
                net.loadInterpolated(pa, pb, l);
                net.logits(batches, Network.Engine.DL4J);
            }
        }) * points / timed;
        long dl4jPeak = Math.max(0, BenchTimer.peakResidentKb() - before);
        rows.accept(new Row("interp." + name, name + " interpolation curve, " + points + " λ, " + n + " inputs", "s",
                fast, "same curve through DL4J layers", dl4j, dl4j / fast,
                "baseline timed on " + timed + " λ and scaled; batch 500"));
        if (before >= 0) {
            rows.accept(new Row("memory.interp." + name, name + " curve: peak RSS growth, fast path", "MiB",
                    fastPeak / 1024.0, "same through DL4J layers", dl4jPeak / 1024.0,
                    (double) dl4jPeak / Math.max(1, fastPeak), "VmHWM after reset via /proc/self/clear_refs"));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Models, data and their gemm shapes

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

    /** --quick shrinks widths (a smoke run checks that every path runs, not how fast). */
    Architecture vgg11() {
        return Architectures.build(ArchitectureDescriptor.vgg("vgg11", new int[]{3, 32, 32}, 10, quick ? 0.125 : 1.0,
                false));
    }

    Architecture resnet20() {
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
}
