package org.lmcx.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.lmcx.analysis.Svd;
import org.lmcx.io.CheckpointLoader;
import org.lmcx.io.DemoAssets;
import org.lmcx.match.HungarianBaseline;
import org.lmcx.match.LinearAssignment;
import org.lmcx.match.MatchContext;
import org.lmcx.match.MatchResult;
import org.lmcx.match.WeightMatching;
import org.lmcx.model.Architecture;
import org.lmcx.model.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The bench rows of what a user waits for in matching and spectra: LAP, weight matching, SVD. Each is timed
 * against its NumPy/SciPy peer ({@link PythonPeer}) when python3 with numpy and scipy is present, Java and
 * Python alternating round by round on the same inputs; otherwise against an in-process baseline (the
 * textbook Hungarian, the cost products as sgemm, the Gram-matrix eigen route).
 */
final class MatchingBench {

    /** LAP rounds at least: one 512² solve takes milliseconds and its time varies with the instance. */
    static final int LAP_ROUNDS = 21;

    private final BenchTimer timer;
    /** The architecture of the random pair WM falls back on where the demo pair cannot be read. */
    private final Architecture fallbackMlp;
    private final Consumer<BenchCommand.Row> rows;
    private final PythonPeer peer;
    private final Random rnd = new Random(1234);

    MatchingBench(BenchTimer timer, Architecture fallbackMlp, Consumer<BenchCommand.Row> rows, PythonPeer peer) {
        this.timer = timer;
        this.fallbackMlp = fallbackMlp;
        this.rows = rows;
        this.peer = peer;
    }

    /** Starts the peer, or says on stderr why the bench goes on without it. */
    static PythonPeer startPeer() {
        try {
            PythonPeer p = PythonPeer.start();
            System.err.println("bench: peer " + p.versions + " (python3)");
            return p;
        } catch (IOException e) {
            System.err.println("bench: no NumPy/SciPy peer (" + e.getMessage() + "); in-process baselines only");
            return null;
        }
    }

    /** One Python round: the seconds the peer reports. */
    private interface PeerRun {
        double seconds(int round) throws IOException;
    }

    /** Medians of {@code rounds} alternating runs (after one warm-up each): {java, peer}. */
    private double[] alternate(int rounds, java.util.function.IntConsumer java, PeerRun python) throws IOException {
        double[] tj = new double[rounds];
        double[] tp = new double[rounds];
        for (int r = -1; r < rounds; r++) {
            int k = Math.max(0, r);
            // Each side's OpenBLAS worker threads spin for a while after its last call; without a pause the
            // other side would be timed while they still burn the cores. The same pause before both.
            quiet();
            long s = System.nanoTime();
            java.accept(k);
            double t = (System.nanoTime() - s) / 1e9;
            quiet();
            double p = python.seconds(k);
            if (r >= 0) {
                tj[r] = t;
                tp[r] = p;
            }
        }
        return new double[]{median(tj), median(tp)};
    }

    /** Long enough for idle OpenBLAS threads to go to sleep (they spin ~0.1 s on a 2-3 GHz core). */
    private static final long QUIET_MILLIS = 200;

    private static void quiet() {
        try {
            Thread.sleep(QUIET_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double median(double[] v) {
        double[] t = v.clone();
        Arrays.sort(t);
        int n = t.length;
        return n % 2 == 1 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
    }

    // ---------------------------------------------------------------------------------------------------------

    void lap(int size, int repeats) throws IOException {
        int rounds = Math.max(repeats, LAP_ROUNDS);
        double[][] costs = new double[rounds][];
        for (int r = 0; r < rounds; r++) {
            costs[r] = new double[size * size];
            for (int i = 0; i < costs[r].length; i++) {
                costs[r][i] = rnd.nextDouble();
            }
        }
        String note = "uniform random costs, a fresh matrix per round, median of " + rounds;
        if (peer != null) {
            Path file = Files.createTempFile("lmcx-lap", ".bin");
            double[] valueGap = new double[1];
            try {
                double[] t = alternate(rounds, r -> LinearAssignment.maximize(costs[r], size), r -> {
                    write(file, costs[r]);
                    JsonNode reply = peer.request("lap " + file + " " + size);
                    double ours = LinearAssignment.value(costs[r], size, LinearAssignment.maximize(costs[r], size));
                    valueGap[0] = Math.max(valueGap[0], Math.abs(ours - reply.path("value").asDouble()));
                    return reply.path("seconds").asDouble();
                });
                rows.accept(new BenchCommand.Row("lap." + size + ".scipy", "LAP " + size + "², LinearAssignment", "s", t[0],
                        "scipy linear_sum_assignment", t[1], t[1] / t[0],
                        note + String.format("; optimum equal to scipy's within %.1e", valueGap[0])));
            } finally {
                Files.deleteIfExists(file);
            }
        }
        double[][] square = new double[size][];
        for (int i = 0; i < size; i++) {
            square[i] = Arrays.copyOfRange(costs[0], i * size, (i + 1) * size);
        }
        double jv = timer.time(() -> LinearAssignment.maximize(costs[0], size));
        double hungarian = timer.time(() -> HungarianBaseline.maximize(square));
        rows.accept(new BenchCommand.Row("lap." + size, "LAP " + size + "², LinearAssignment", "s", jv,
                "HungarianBaseline", hungarian, hungarian / jv, "uniform random costs, one matrix"));
    }

    // ---------------------------------------------------------------------------------------------------------

    void weightMatching(int repeats) throws IOException {
        Model a;
        Model b;
        String pair;
        Path pa = null;
        Path pb = null;
        try {
            pa = DemoAssets.model(0);
            pb = DemoAssets.model(1);
            a = CheckpointLoader.load(pa, null);
            b = CheckpointLoader.load(pb, null);
            pair = "demo pair mlp_s0/s1";
        } catch (RuntimeException e) {
            Architecture arch = fallbackMlp;
            a = ForwardBench.randomModel(arch, 8);
            b = ForwardBench.randomModel(arch, 9);
            pair = "two random " + arch.name() + " (784 inputs)";
            pa = null;
        }
        Model fa = a;
        Model fb = b;
        MatchResult[] last = new MatchResult[1];
        if (peer != null && pa != null) {
            String request = "wm " + pa + " " + pb + " 1";
            JsonNode[] reply = new JsonNode[1];
            double[] t = alternate(Math.max(1, repeats), r -> last[0] = new WeightMatching().match(fa, fb,
                    MatchContext.of(1)), r -> {
                        reply[0] = peer.request(request);
                        return reply[0].path("seconds").asDouble();
                    });
            rows.accept(new BenchCommand.Row("wm.mlp.numpy", "weight matching, " + pair, "s", t[0],
                    "NumPy/SciPy loop (Ainsworth et al.)", t[1], t[1] / t[0],
                    last[0].sweeps() + " sweeps (peer " + reply[0].path("sweeps").asInt() + "); units placed as "
                            + "the peer places them: " + agreement(last[0], reply[0].path("perm"))));
        }
        double wm = timer.time(() -> last[0] = new WeightMatching().match(fa, fb, MatchContext.of(1)));
        int sweeps = Math.max(1, last[0].sweeps());
        double floor = gemmFloorSeconds(a.architecture()) * sweeps;
        rows.accept(new BenchCommand.Row("wm.mlp", "weight matching, " + pair, "s", wm,
                "its cost products as sgemm × sweeps", floor, floor / wm,
                sweeps + " sweeps; the plain loop's BLAS work, which WM's incremental costs mostly avoid"));
    }

    /** Share of units (all groups) to which both sides gave the same partner. */
    private static String agreement(MatchResult ours, JsonNode theirs) {
        long same = 0;
        long all = 0;
        for (var e : ours.permutation().perms().entrySet()) {
            JsonNode p = theirs.path(e.getKey());
            int[] q = e.getValue();
            for (int i = 0; i < q.length; i++) {
                all++;
                if (p.path(i).asInt(-1) == q[i]) {
                    same++;
                }
            }
        }
        return String.format("%.1f %%", 100.0 * same / Math.max(1, all));
    }

    /** One sweep's cost products of the plain loop on an MLP: per hidden group, W_l·W'_lᵀ and W_{l+1}ᵀ·W'_{l+1}. */
    private double gemmFloorSeconds(Architecture arch) {
        List<long[]> dense = ForwardBench.gemmShapes(arch, 1);
        List<long[]> shapes = new ArrayList<>();
        for (int i = 0; i + 1 < dense.size(); i++) {
            long h = dense.get(i)[2];
            shapes.add(new long[]{h, dense.get(i)[1], h});
            shapes.add(new long[]{h, dense.get(i + 1)[2], h});
        }
        return timer.sgemmSeconds(shapes);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Singular values (Spectra) and values + top-32 vectors (Alignment) of a rows × cols layer. */
    void svd(int rowsN, int cols, int repeats) throws IOException {
        String shape = rowsN + "×" + cols;
        float[][] w = new float[rowsN][cols];
        float[] flat = new float[rowsN * cols];
        double std = Math.sqrt(2.0 / cols);
        for (int i = 0; i < rowsN; i++) {
            for (int j = 0; j < cols; j++) {
                w[i][j] = (float) (rnd.nextGaussian() * std);
                flat[i * cols + j] = w[i][j];
            }
        }
        int k = 32;
        if (peer != null) {
            Path file = Files.createTempFile("lmcx-svd", ".bin");
            try {
                write(file, flat);
                double[] maxGap = new double[2];
                double[] tv = alternate(Math.max(1, repeats), r -> Svd.values(w), r -> {
                    JsonNode reply = peer.request("svd " + file + " " + rowsN + " " + cols + " 0");
                    maxGap[0] = relativeGap(Svd.values(w), reply.path("sigma"));
                    return reply.path("seconds").asDouble();
                });
                rows.accept(new BenchCommand.Row("svd.values." + shape + ".numpy", "singular values " + shape, "s", tv[0],
                        "numpy.linalg.svd, values", tv[1], tv[1] / tv[0],
                        String.format("float64; largest relative difference from numpy %.1e", maxGap[0])));
                double[] tk = alternate(Math.max(1, repeats), r -> Svd.top(w, k), r -> {
                    JsonNode reply = peer.request("svd " + file + " " + rowsN + " " + cols + " " + k);
                    maxGap[1] = relativeGap(Svd.top(w, k).sigma(), reply.path("sigma"));
                    return reply.path("seconds").asDouble();
                });
                rows.accept(new BenchCommand.Row("svd.vectors." + shape + ".numpy", "singular values + top-" + k + " vectors "
                        + shape, "s", tk[0], "numpy.linalg.svd, thin", tk[1], tk[1] / tk[0],
                        String.format("float64; largest relative difference from numpy %.1e", maxGap[1])));
            } finally {
                Files.deleteIfExists(file);
            }
        }
        double values = timer.time(() -> Svd.values(w));
        double valuesBase = timer.time(() -> gramEigen(flat, rowsN, cols, false));
        rows.accept(new BenchCommand.Row("svd.values." + shape, "singular values " + shape, "s", values,
                "Gram dgemm + dsyev values", valuesBase, valuesBase / values, "double precision"));
        double vectors = timer.time(() -> Svd.top(w, k));
        double vectorsBase = timer.time(() -> gramEigen(flat, rowsN, cols, true));
        rows.accept(new BenchCommand.Row("svd.vectors." + shape, "singular values + top-" + k + " vectors "
                + shape, "s", vectors, "Gram dgemm + dsyev vectors", vectorsBase, vectorsBase / vectors,
                "the Gram route squares the condition number: a speed floor, not an equal"));
    }

    /** Largest |ours − numpy| / σ_max over all singular values. */
    private static double relativeGap(double[] ours, JsonNode theirs) {
        double gap = 0;
        for (int i = 0; i < ours.length; i++) {
            gap = Math.max(gap, Math.abs(ours[i] - theirs.path(i).asDouble(Double.NaN)));
        }
        return ours.length == 0 ? 0 : gap / ours[0];
    }

    /** The textbook shortcut: eigen-decompose the short side's Gram matrix. */
    private static void gramEigen(float[] w, int r, int c, boolean vectors) {
        INDArray a = Nd4j.create(w, new long[]{r, c}, 'c').castTo(DataType.DOUBLE);
        INDArray g = r <= c ? a.mmul(a.transpose()) : a.transpose().mmul(a);
        INDArray gf = g.dup('f');
        INDArray ev = Nd4j.create(DataType.DOUBLE, gf.rows());
        Nd4j.getBlasWrapper().lapack().syev(vectors ? 'V' : 'N', 'U', gf, ev);
    }

    private static void write(Path file, double[] values) {
        byte[] bytes = new byte[values.length * 8];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(values);
        writeBytes(file, bytes);
    }

    private static void write(Path file, float[] values) {
        byte[] bytes = new byte[values.length * 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
        writeBytes(file, bytes);
    }

    private static void writeBytes(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
