package org.lmcx.match;

import org.lmcx.model.Model;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;
import org.lmcx.model.PermutationSpec.AxisRef;
import org.lmcx.model.PermutationSpec.TensorAxis;
import org.lmcx.model.Tensor;
import org.lmcx.task.Monitor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Data-free Sinkhorn re-basin (Peña, Medeiros, Dubail, Aminbeidokhti, Granger & Pedersoli 2023, "Re-basin via
 * implicit Sinkhorn differentiation", the weight-space L2 variant), relaxed the way weight matching is posed.
 *
 * <p>Each group P is parametrized by a score matrix {@code Z_P}; its soft permutation is
 * {@code S_P = Sinkhorn(Z_P / τ)} ({@link SoftPermutation}). All groups ascend together, with Adam, on a
 * relaxed objective in which every tensor of B is multiplied by the soft permutations of its axes:
 * <ul>
 *   <li>{@code loss=dot} (default): {@code Σ ⟨θa, S(θb)⟩}, the weight-matching objective. Its gradient w.r.t.
 *       {@code S_P} is the weight-matching cost matrix {@code C_P} computed with the other groups' soft
 *       permutations in place of hard ones.</li>
 *   <li>{@code loss=l2}: {@code −‖θa − S(θb)‖²}, the paper's loss; the gradient adds {@code −S_P·ΣXXᵀ}, which
 *       for soft S also rewards keeping {@code S(θb)} small, so it tends to sharpen more slowly.</li>
 * </ul>
 * The gradient reaches the scores through the unrolled Sinkhorn iterations, differentiated by hand (not the
 * implicit-function formula of the paper's title; the unrolled one is exact for the finite iteration count).
 * At the end each {@code S_P} is hardened by an exact maximizing assignment ({@link LinearAssignment}).
 *
 * <p>Options: {@code iterations} (200), {@code temperature} (1), {@code lr} (0.1, Adam step in score units),
 * {@code sinkhorn_iters} (20), {@code init} ({@code identity}: scores {@code init_scale}·I plus noise, default;
 * {@code random}: noise only), {@code init_scale} (5), {@code noise} (0.01, Gaussian, from the seed),
 * {@code loss} (dot or l2). The history holds the relaxed {@code Σ ⟨θa, S(θb)⟩} before each step.
 *
 * <p>The cost products run in float (ND4J gemm): the relaxation is only steered by them, and the final
 * objective is recomputed exactly by {@link MatchingMath}.
 */
public final class SinkhornWeightMatching implements Matcher {

    public static final String NAME = "sinkhorn";

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MatchResult match(Model a, Model b, MatchContext ctx) {
        a.requireSameArchitecture(b);
        int iterations = ctx.intOption("iterations", 200);
        double tau = ctx.doubleOption("temperature", 1.0);
        double lr = ctx.doubleOption("lr", 0.1);
        int sinkhornIters = ctx.intOption("sinkhorn_iters", 20);
        String init = ctx.option("init", "identity").toLowerCase(Locale.ROOT);
        double initScale = ctx.doubleOption("init_scale", 5.0);
        double noise = ctx.doubleOption("noise", 0.01);
        String loss = ctx.option("loss", "dot").toLowerCase(Locale.ROOT);
        if (iterations < 0) {
            throw new IllegalArgumentException("option iterations must be ≥ 0, got " + iterations);
        }
        if (!(tau > 0)) {
            throw new IllegalArgumentException("option temperature must be > 0, got " + tau);
        }
        if (!(lr > 0)) {
            throw new IllegalArgumentException("option lr must be > 0, got " + lr);
        }
        if (!init.equals("identity") && !init.equals("random")) {
            throw new IllegalArgumentException("option init must be identity or random, got \"" + init + "\"");
        }
        if (!loss.equals("dot") && !loss.equals("l2")) {
            throw new IllegalArgumentException("option loss must be dot or l2, got \"" + loss + "\"");
        }
        boolean l2 = loss.equals("l2");

        PermutationSpec spec = PermutationSpec.derive(a.architecture());
        Monitor monitor = ctx.monitor();
        long start = System.nanoTime();

        Problem pr = new Problem(a, b, spec);
        int ng = pr.groups.size();
        Random rnd = new Random(ctx.seed());
        double[][] z = new double[ng][];
        double[][] m1 = new double[ng][];
        double[][] m2 = new double[ng][];
        SoftPermutation[] soft = new SoftPermutation[ng];
        for (int p = 0; p < ng; p++) {
            int n = pr.sizes[p];
            z[p] = new double[n * n];
            for (int i = 0; i < n * n; i++) {
                z[p][i] = noise * rnd.nextGaussian();
            }
            if (init.equals("identity")) {
                for (int i = 0; i < n; i++) {
                    z[p][i * n + i] += initScale;
                }
            }
            m1[p] = new double[n * n];
            m2[p] = new double[n * n];
            soft[p] = new SoftPermutation(n, sinkhornIters);
        }

        double[] history = new double[iterations];
        monitor.update(0, "sinkhorn matching");
        for (int it = 0; it < iterations; it++) {
            monitor.checkCancelled();
            IntStream.range(0, ng).parallel().forEach(p -> soft[p].forward(z[p], tau));
            Gradient g = pr.gradient(soft, l2);
            history[it] = g.objective;
            int step = it + 1;
            double c1 = 1 - Math.pow(BETA1, step);
            double c2 = 1 - Math.pow(BETA2, step);
            IntStream.range(0, ng).parallel().forEach(p -> {
                double[] gz = soft[p].backward(g.ascent[p], tau);
                double[] zp = z[p];
                double[] mp = m1[p];
                double[] vp = m2[p];
                for (int i = 0; i < zp.length; i++) {
                    mp[i] = BETA1 * mp[i] + (1 - BETA1) * gz[i];
                    vp[i] = BETA2 * vp[i] + (1 - BETA2) * gz[i] * gz[i];
                    zp[i] += lr * (mp[i] / c1) / (Math.sqrt(vp[i] / c2) + EPS);
                }
            });
            if (step % 10 == 0 || step == iterations) {
                monitor.update((double) step / iterations, String.format(Locale.ROOT,
                        "sinkhorn step %d/%d: relaxed objective %.6g", step, iterations, history[it]));
            }
        }

        IntStream.range(0, ng).parallel().forEach(p -> soft[p].forward(z[p], tau));
        Permutation perm = spec.identity();
        for (int p = 0; p < ng; p++) {
            int n = pr.sizes[p];
            double[][] sm = new double[n][n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(soft[p].s, i * n, sm[i], 0, n);
            }
            perm = perm.with(pr.groups.get(p), LinearAssignment.maximize(sm));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return MatchingMath.result(NAME, a, b, spec, perm, iterations, history, seconds);
    }

    private record Gradient(double[][] ascent, double objective) {
    }

    /** A and B laid out for the relaxed objective; A's axis matrices and B-only cost terms are computed once. */
    private static final class Problem {
        final List<String> groups;
        final int[] sizes;
        private final List<CostTensor> tensors = new ArrayList<>();

        /** One cost tensor of B with every group axis on it. */
        private record Axis(int group, AxisRef ref, long[] shape, INDArray aMatrix) {
        }

        private static final class CostTensor {
            final INDArray bFlat;
            final List<Axis> axes = new ArrayList<>();
            /** Per cost axis: its contribution to C and to the Gram term, when no other axis is permuted. */
            final Map<Axis, INDArray> constantC = new IdentityHashMap<>();
            final Map<Axis, INDArray> constantGram = new IdentityHashMap<>();

            CostTensor(INDArray bFlat) {
                this.bFlat = bFlat;
            }
        }

        Problem(Model a, Model b, PermutationSpec spec) {
            groups = new ArrayList<>(spec.groups().keySet());
            sizes = new int[groups.size()];
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int p = 0; p < groups.size(); p++) {
                index.put(groups.get(p), p);
                sizes[p] = spec.groups().get(groups.get(p)).size();
            }
            Map<String, List<TensorAxis>> byTensor = spec.byTensor();
            for (String name : MatchingMath.costTensors(spec)) {
                Tensor tb = b.tensor(name);
                Tensor ta = a.tensor(name);
                CostTensor ct = new CostTensor(Nd4j.create(tb.data(), new long[]{tb.size()}, DataType.FLOAT));
                INDArray aFlat = Nd4j.create(ta.data(), new long[]{ta.size()}, DataType.FLOAT);
                for (TensorAxis tax : byTensor.get(name)) {
                    AxisRef r = tax.ref();
                    long[] shape = toLong(r.view() != null ? r.view() : tb.shape());
                    INDArray am = r.inCost() ? axisMatrix(aFlat, shape, r.axis()) : null;
                    ct.axes.add(new Axis(index.get(tax.group()), r, shape, am));
                }
                if (ct.axes.size() == 1 && ct.axes.get(0).ref().inCost()) {
                    Axis ax = ct.axes.get(0);
                    INDArray xm = axisMatrix(ct.bFlat, ax.shape(), ax.ref().axis());
                    ct.constantC.put(ax, Nd4j.gemm(ax.aMatrix(), xm, false, true));
                    ct.constantGram.put(ax, Nd4j.gemm(xm, xm, false, true));
                }
                tensors.add(ct);
            }
        }

        Gradient gradient(SoftPermutation[] soft, boolean l2) {
            int ng = sizes.length;
            INDArray[] s = new INDArray[ng];
            INDArray[] c = new INDArray[ng];
            INDArray[] gram = new INDArray[ng];
            for (int p = 0; p < ng; p++) {
                s[p] = Nd4j.create(soft[p].s, new long[]{sizes[p], sizes[p]}, DataType.DOUBLE)
                        .castTo(DataType.FLOAT);
                c[p] = Nd4j.zeros(DataType.FLOAT, sizes[p], sizes[p]);
                gram[p] = l2 ? Nd4j.zeros(DataType.FLOAT, sizes[p], sizes[p]) : null;
            }
            double objective = 0;
            for (CostTensor ct : tensors) {
                boolean first = true;
                for (Axis ax : ct.axes) {
                    if (!ax.ref().inCost()) {
                        continue;
                    }
                    INDArray d = ct.constantC.get(ax);
                    INDArray g = ct.constantGram.get(ax);
                    if (d == null) {
                        INDArray x = ct.bFlat;
                        for (Axis other : ct.axes) {
                            if (other != ax) {
                                x = modeProduct(x, other.shape(), other.ref().axis(), s[other.group()]);
                            }
                        }
                        INDArray xm = axisMatrix(x, ax.shape(), ax.ref().axis());
                        d = Nd4j.gemm(ax.aMatrix(), xm, false, true);
                        g = l2 ? Nd4j.gemm(xm, xm, false, true) : null;
                    }
                    int p = ax.group();
                    c[p].addi(d);
                    if (l2) {
                        gram[p].addi(g);
                    }
                    if (first) {
                        // Every tensor counts once in the objective: ⟨Wa, S(Wb)⟩ = ⟨D, S_P⟩ for any of its axes.
                        objective += d.castTo(DataType.DOUBLE).mul(s[p].castTo(DataType.DOUBLE)).sumNumber()
                                .doubleValue();
                        first = false;
                    }
                }
            }
            double[][] ascent = new double[ng][];
            for (int p = 0; p < ng; p++) {
                INDArray asc = l2 ? c[p].sub(s[p].mmul(gram[p])) : c[p];
                ascent[p] = asc.castTo(DataType.DOUBLE).data().asDouble();
            }
            return new Gradient(ascent, objective);
        }

        private static long[] toLong(int[] s) {
            long[] l = new long[s.length];
            for (int i = 0; i < s.length; i++) {
                l[i] = s[i];
            }
            return l;
        }

        private static int[] axisFirst(int rank, int axis) {
            int[] perm = new int[rank];
            perm[0] = axis;
            int k = 1;
            for (int i = 0; i < rank; i++) {
                if (i != axis) {
                    perm[k++] = i;
                }
            }
            return perm;
        }

        /** The tensor (flat, row-major, seen as {@code shape}) as {@code [shape[axis], rest]}, like Tensor.axisMatrix. */
        static INDArray axisMatrix(INDArray flat, long[] shape, int axis) {
            long n = shape[axis];
            long rest = flat.length() / Math.max(1, n);
            INDArray t = flat.reshape('c', shape);
            return t.permute(axisFirst(shape.length, axis)).dup('c').reshape('c', n, rest);
        }

        /** {@code out[.., i, ..] = Σ_j S[i][j] · t[.., j, ..]} on the given axis; flat in, flat out. */
        static INDArray modeProduct(INDArray flat, long[] shape, int axis, INDArray s) {
            int[] perm = axisFirst(shape.length, axis);
            INDArray m = axisMatrix(flat, shape, axis);
            INDArray out = s.mmul(m);
            long[] pshape = new long[shape.length];
            for (int i = 0; i < perm.length; i++) {
                pshape[i] = shape[perm[i]];
            }
            int[] inv = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                inv[perm[i]] = i;
            }
            return out.reshape('c', pshape).permute(inv).dup('c').reshape('c', flat.length());
        }
    }
}
