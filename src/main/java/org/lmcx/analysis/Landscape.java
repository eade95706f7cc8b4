package org.lmcx.analysis;

import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.nn.Batches;
import org.lmcx.nn.Metrics;
import org.lmcx.nn.Network;
import org.lmcx.nn.ParamVector;
import org.lmcx.task.Monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Loss and accuracy over a 2D plane in parameter space, θ(x, y) = o + x·e1 + y·e2, on an N×N grid. Two planes:
 *
 * <ul>
 *   <li>{@link #threeModels}: through θa, π(θb), π(θc) with e1 = π(θb) − θa, e2 = π(θc) − θa, so the models sit
 *   at (0,0), (1,0), (0,1) (the basis is not orthogonal; the picture is affine, not metric).</li>
 *   <li>{@link #rebasinPlane}: git-re-basin's figure, origin θa, e1 = θb − θa, e2 = π(θb) − θa made orthogonal
 *   to e1 (Gram–Schmidt) and scaled to ‖e1‖, so distances in the picture are true distances in units of
 *   ‖θb − θa‖; θb sits at (1, 0) and π(θb) at the reported coordinates.</li>
 * </ul>
 *
 * <p>Inner products and norms are over the trainable parameters only (BN running statistics are no
 * parameters to measure); the running statistics still move along the same affine combination, as in
 * interpolation.
 *
 * <p>The grid is evaluated coarse to fine (strides 8, 4, 2, 1 in grid steps) and after each level the
 * listener receives a snapshot with NaN where nothing was computed yet, so a viewer shows a rough picture
 * after a few dozen evaluations instead of waiting for all N².
 */
public final class Landscape {

    public static final String THREE_MODELS = "plane through θa, π(θb), π(θc)";
    public static final String REBASIN = "plane through θa, θb, π(θb) (orthonormalised)";

    /**
     * @param gridSize  points per axis (N)
     * @param from      first coordinate on both axes
     * @param to        last coordinate on both axes
     * @param batchSize evaluation batch size
     * @param resetBn   recompute BN statistics at every point on {@code bnData} (slow; ignored without BN)
     */
    public record Options(int gridSize, double from, double to, int batchSize, boolean resetBn) {
        public Options {
            if (gridSize < 2) {
                throw new org.lmcx.model.UserInputException("grid needs at least 2 points per axis, got " + gridSize);
            }
            Interpolation.requireRange("landscape range", from, to);
            if (batchSize < 1) {
                throw new org.lmcx.model.UserInputException("batch size must be ≥ 1, got " + batchSize);
            }
            // Loss and accuracy grids, their snapshots handed to the views, and the rendered surface.
            org.lmcx.model.MemoryBudget.requireValues("landscape grid " + gridSize + "×" + gridSize,
                    org.lmcx.model.MemoryBudget.multiply(gridSize, gridSize, 8), Double.BYTES);
        }

        public static Options standard() {
            return new Options(21, -0.5, 1.5, 500, false);
        }
    }

    /** A model's place on the plane and the metrics at exactly that point. */
    public record ModelPoint(String name, double x, double y, double loss, double accuracy) {
    }

    /**
     * @param plane     {@link #THREE_MODELS} or {@link #REBASIN}
     * @param xs        grid coordinates along e1
     * @param ys        grid coordinates along e2
     * @param loss      {@code loss[iy][ix]} at (xs[ix], ys[iy]); NaN where not computed yet
     * @param accuracy  same layout
     * @param models    the models' positions (evaluated exactly there, on or off the grid)
     * @param computed  grid points done
     * @param complete  whether all points are done (false in partial snapshots)
     */
    public record Result(String plane, String data, double[] xs, double[] ys, double[][] loss, double[][] accuracy,
                         List<ModelPoint> models, int computed, boolean complete, boolean bnReset, double seconds) {
        public Result {
            xs = Copies.of(xs);
            ys = Copies.of(ys);
            loss = Copies.of(loss);
            accuracy = Copies.of(accuracy);
            models = List.copyOf(models);
        }

        @Override
        public double[] xs() {
            return Copies.of(xs);
        }

        @Override
        public double[] ys() {
            return Copies.of(ys);
        }

        @Override
        public double[][] loss() {
            return Copies.of(loss);
        }

        @Override
        public double[][] accuracy() {
            return Copies.of(accuracy);
        }

        public int total() {
            return xs.length * ys.length;
        }
    }

    private Landscape() {
    }

    /**
     * The plane through θa, π(θb), π(θc) (all already permuted into A's order).
     *
     * @param partial receives snapshots after each refinement level (may be null)
     */
    public static Result threeModels(Model a, Model pb, Model pc, Dataset data, Dataset bnData, Options options,
                                     Consumer<Result> partial, Monitor monitor) {
        a.requireSameArchitecture(pb);
        a.requireSameArchitecture(pc);
        Network net = Network.build(a.architecture());
        float[] oa = net.paramsOf(a).toFloatArray();
        float[] e1 = minus(net.paramsOf(pb).toFloatArray(), oa);
        float[] e2 = minus(net.paramsOf(pc).toFloatArray(), oa);
        List<ModelPoint> where = List.of(new ModelPoint(a.source(), 0, 0, Double.NaN, Double.NaN),
                new ModelPoint(pb.source(), 1, 0, Double.NaN, Double.NaN),
                new ModelPoint(pc.source(), 0, 1, Double.NaN, Double.NaN));
        return run(THREE_MODELS, net, oa, e1, e2, where, data, bnData, options, partial, monitor);
    }

    /**
     * git-re-basin's plane: θa at the origin, θb at (1, 0), π(θb) above the e1 axis.
     *
     * @param b  B as trained
     * @param pb π(θb)
     */
    public static Result rebasinPlane(Model a, Model b, Model pb, Dataset data, Dataset bnData, Options options,
                                      Consumer<Result> partial, Monitor monitor) {
        a.requireSameArchitecture(b);
        a.requireSameArchitecture(pb);
        Network net = Network.build(a.architecture());
        float[] mask = net.trainableMask().toFloatArray();
        float[] oa = net.paramsOf(a).toFloatArray();
        float[] e1 = minus(net.paramsOf(b).toFloatArray(), oa);
        float[] d2 = minus(net.paramsOf(pb).toFloatArray(), oa);
        double e1e1 = dot(e1, e1, mask);
        if (e1e1 == 0) {
            throw new org.lmcx.model.UserInputException("θa and θb are equal: the plane is undefined");
        }
        double alpha = dot(d2, e1, mask) / e1e1;
        float[] perp = new float[d2.length];
        for (int i = 0; i < perp.length; i++) {
            perp[i] = (float) (d2[i] - alpha * e1[i]);
        }
        double perpNorm = Math.sqrt(dot(perp, perp, mask));
        if (perpNorm <= 1e-12 * Math.sqrt(e1e1)) {
            throw new org.lmcx.model.UserInputException("π(θb) lies on the line through θa and θb: the plane is undefined");
        }
        double scale = Math.sqrt(e1e1) / perpNorm;
        float[] e2 = new float[perp.length];
        for (int i = 0; i < e2.length; i++) {
            e2[i] = (float) (perp[i] * scale);
        }
        List<ModelPoint> where = List.of(new ModelPoint(a.source(), 0, 0, Double.NaN, Double.NaN),
                new ModelPoint(b.source(), 1, 0, Double.NaN, Double.NaN),
                new ModelPoint(pb.source(), alpha, 1 / scale, Double.NaN, Double.NaN));
        return run(REBASIN, net, oa, e1, e2, where, data, bnData, options, partial, monitor);
    }

    private static Result run(String plane, Network net, float[] origin, float[] e1, float[] e2,
                              List<ModelPoint> where, Dataset data, Dataset bnData, Options options,
                              Consumer<Result> partial, Monitor monitor) {
        long t0 = System.nanoTime();
        ParamVector o = net.vector(origin);
        ParamVector v1 = net.vector(e1);
        ParamVector v2 = net.vector(e2);
        Batches batches = net.batches(data, options.batchSize());
        boolean reset = options.resetBn() && net.architecture().hasBatchNorm();
        Batches bnBatches = null;
        if (reset) {
            if (bnData == null) {
                throw new org.lmcx.model.UserInputException("resetting BN statistics needs data (bnData)");
            }
            bnBatches = net.batches(bnData, 128);
        }
        int n = options.gridSize();
        double[] grid = Interpolation.grid(options.from(), options.to(), n);
        double[][] loss = new double[n][n];
        double[][] acc = new double[n][n];
        for (double[] row : loss) {
            Arrays.fill(row, Double.NaN);
        }
        for (double[] row : acc) {
            Arrays.fill(row, Double.NaN);
        }
        int total = n * n + where.size();
        int done = 0;

        List<ModelPoint> models = new ArrayList<>();
        for (ModelPoint p : where) {
            monitor.checkCancelled();
            Metrics m = evaluate(net, o, v1, v2, p.x(), p.y(), batches, bnBatches, monitor);
            models.add(new ModelPoint(p.name(), p.x(), p.y(), m.loss(), m.accuracy()));
            monitor.update((double) ++done / total, "landscape: " + p.name());
        }

        boolean[][] have = new boolean[n][n];
        int computed = 0;
        int stride = 1;
        while (stride * 2 <= Math.min(8, n - 1)) {
            stride *= 2;
        }
        for (; stride >= 1; stride /= 2) {
            for (int iy = 0; iy < n; iy += stride) {
                for (int ix = 0; ix < n; ix += stride) {
                    if (have[iy][ix]) {
                        continue;
                    }
                    monitor.checkCancelled();
                    Metrics m = evaluate(net, o, v1, v2, grid[ix], grid[iy], batches, bnBatches, monitor);
                    loss[iy][ix] = m.loss();
                    acc[iy][ix] = m.accuracy();
                    have[iy][ix] = true;
                    computed++;
                    monitor.update((double) ++done / total, String.format(Locale.ROOT,
                            "landscape (%.2f, %.2f): loss %.4g", grid[ix], grid[iy], m.loss()));
                }
            }
            if (partial != null && stride > 1) {
                partial.accept(new Result(plane, data.name(), grid, grid, loss, acc, models, computed, false, reset,
                        (System.nanoTime() - t0) / 1e9));
            }
        }
        Result r = new Result(plane, data.name(), grid, grid, loss, acc, models, computed, true, reset,
                (System.nanoTime() - t0) / 1e9);
        if (partial != null) {
            partial.accept(r);
        }
        return r;
    }

    private static Metrics evaluate(Network net, ParamVector o, ParamVector e1, ParamVector e2, double x, double y,
                                    Batches batches, Batches bnBatches, Monitor monitor) {
        net.loadPlanePoint(o, e1, e2, x, y);
        if (bnBatches != null) {
            net.resetBatchNorm(bnBatches, monitor);
        }
        return net.evaluate(batches, monitor);
    }

    static float[] minus(float[] x, float[] y) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] - y[i];
        }
        return out;
    }

    static double dot(float[] x, float[] y, float[] mask) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            if (mask == null || mask[i] != 0) {
                s += (double) x[i] * y[i];
            }
        }
        return s;
    }
}
