package org.lmcx.cli;

import org.lmcx.nn.NativePlatform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

        BenchTimer timer = new BenchTimer(quick, reps);
        ForwardBench forward = new ForwardBench(timer, rows::add, quick, baselineLambdas);
        if (wanted("conv")) {
            forward.convForward("vgg11", forward.vgg11(), b, true);
            forward.convForward("resnet20", forward.resnet20(), b, true);
        }
        if (only != null && only.contains("chunk")) {
            // How the fast path's chunk size was chosen (not in the default run: it adds minutes).
            for (int c : new int[]{32, 64, 128, 256}) {
                System.setProperty("lmcx.forward.chunk", String.valueOf(c));
                forward.convForward("vgg11.chunk" + c, forward.vgg11(), b, false);
                forward.convForward("resnet20.chunk" + c, forward.resnet20(), b, false);
            }
            System.clearProperty("lmcx.forward.chunk");
        }
        if (wanted("mlp")) {
            forward.mlpForward(quick ? 500 : 10_000);
        }
        if (wanted("interp")) {
            forward.interpolation("mlp", forward.mlp(), quick ? 100 : 2_000, quick ? 3 : 25);
            forward.interpolation("resnet20", forward.resnet20(), quick ? 16 : 1_000, quick ? 3 : 25);
        }
        if (wanted("lap") || wanted("wm") || wanted("svd")) {
            PythonPeer peer = noPeer ? null : MatchingBench.startPeer();
            try {
                MatchingBench m = new MatchingBench(timer, forward.mlp(), rows::add, peer);
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

        long hwm = BenchTimer.peakResidentKb();
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
