package org.lmcx.match;

import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;
import org.lmcx.model.PermutationSpec.AxisRef;
import org.lmcx.nn.Batches;
import org.lmcx.nn.Network;
import org.lmcx.task.Monitor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Activation matching (Ainsworth et al. 2023, §3.1; Li et al. 2015): pair hidden units of A and B whose
 * post-activation responses on training data are most alike, one exact linear assignment per permutation
 * group.
 *
 * <p><b>Which activations.</b> A group permutes the channel axis of some activations; those are exactly the
 * inputs of the layers whose input axis (axis 1 of a dense or conv weight) the group acts on. So the
 * statistics of a group are taken at the inputs of its consuming layers, as {@link Network#layerInputs}
 * delivers them: after ReLU (after BN → ReLU in BN nets, after any pooling in between). A sequential net
 * has one consumer per group. A ResNet stream group is consumed by every block's first convolution (and
 * projection shortcut) in that stream and by the head; its cost is the <em>sum</em> of the costs at all those
 * points, i.e. it matches the stream on every residual block's output at once.
 *
 * <p><b>Samples.</b> For a convolutional activation every (image, h, w) is one sample of the C channels;
 * for a dense layer after a flatten, every (image, spatial position) of the flattened C·H·W vector is a
 * sample of its C channels.
 *
 * <p><b>Order.</b> The reference implementation matches layer by layer on the activations of the already
 * permuted B. Because a permutation preserves B's function, π(B)'s activations are B's with channels
 * reordered, so the cross-statistics of group l between A and B do not depend on the other groups'
 * permutations: one streamed pass over the data computes every group's cost, and the per-group assignments
 * are the same as in the sequential procedure.
 *
 * <p><b>Memory.</b> Batches are streamed; per consumer only sums, sums of squares and the cross-product matrix
 * {@code Σ z_a z_bᵀ} (C × C, double) are kept.
 *
 * <p>Options: {@code samples} (training examples used, default 2048, a seeded random subset),
 * {@code batch} (default 64), {@code cost} = {@code correlation} (Pearson, default; a unit with zero variance
 * in either model gets correlation 0) or {@code product} (raw {@code E[z_a z_bᵀ]}). The history holds, per
 * group in spec order, the mean matched cost {@code Σ_i C[i, π(i)] / n}.
 */
public final class ActivationMatching implements Matcher {

    public static final String NAME = "am";

    static final MethodOption<String> COST = MethodOption.choice("cost", java.util.List.of("correlation", "product"),
            "Pearson correlation of the features, or the raw product E[z_a z_bᵀ]");
    static final MethodOption<Integer> SAMPLES = MethodOption.integer("samples", 2048, 2,
            "training examples used (a seeded random subset)");
    static final MethodOption<Integer> BATCH = MethodOption.integer("batch", 64, 1, "examples per forward pass");

    @Override
    public java.util.List<MethodOption<?>> options() {
        return java.util.List.of(COST, SAMPLES, BATCH);
    }

    @Override
    public boolean needsData() {
        return true;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "activation matching (AM)";
    }

    @Override
    public String description() {
        return "Activation matching: units paired by their activations on the training subset";
    }

    @Override
    public MatchResult match(Model a, Model b, MatchContext ctx) {
        a.requireSameArchitecture(b);
        Dataset train = ctx.requireTrain("activation matching");
        MethodOptions o = ctx.options(this);
        int samples = o.get(SAMPLES);
        int batch = o.get(BATCH);
        String costKind = o.get(COST);
        Monitor monitor = ctx.monitor();
        long start = System.nanoTime();
        PermutationSpec spec = PermutationSpec.of(a.architecture());
        Map<String, List<AxisRef>> consumers = consumers(spec, a);

        Network netA = Network.build(a.architecture());
        Network netB = Network.build(b.architecture());
        netA.load(a);
        netB.load(b);
        Dataset subset = train.randomSubset(Math.min(samples, train.size()), ctx.seed());
        Batches batches = netA.batches(subset, batch);
        Map<AxisRef, Stats> stats = new LinkedHashMap<>();
        consumers.forEach((g, refs) -> refs.forEach(r -> stats.put(r, new Stats(spec.groups().get(g).size()))));

        List<Batches.Batch> list = batches.list();
        for (int i = 0; i < list.size(); i++) {
            monitor.checkCancelled();
            monitor.update(0.9 * i / list.size(), "activation statistics, batch " + (i + 1) + " of " + list.size());
            Map<String, INDArray> inA = netA.layerInputs(list.get(i).features());
            Map<String, INDArray> inB = netB.layerInputs(list.get(i).features());
            for (Map.Entry<AxisRef, Stats> e : stats.entrySet()) {
                AxisRef r = e.getKey();
                int c = e.getValue().n;
                e.getValue().add(channelSamples(inA.get(r.tensor()), r, c), channelSamples(inB.get(r.tensor()), r, c));
            }
        }

        Permutation perm = spec.identity();
        double[] history = new double[spec.groups().size()];
        int gi = 0;
        for (PermutationSpec.Group g : spec.groups().values()) {
            monitor.checkCancelled();
            List<AxisRef> refs = consumers.get(g.name());
            if (refs.isEmpty()) {
                // Nothing downstream reads these channels (cannot happen for derived specs); keep B's order.
                history[gi++] = Double.NaN;
                continue;
            }
            double[][] cost = new double[g.size()][g.size()];
            for (AxisRef r : refs) {
                double[][] c = costKind.equals("correlation") ? stats.get(r).correlation() : stats.get(r).product();
                for (int x = 0; x < cost.length; x++) {
                    for (int y = 0; y < cost.length; y++) {
                        cost[x][y] += c[x][y];
                    }
                }
            }
            int[] p = LinearAssignment.maximize(cost);
            perm = perm.with(g.name(), p);
            history[gi++] = LinearAssignment.value(cost, p) / (g.size() * (double) refs.size());
        }
        monitor.update(1, "activation matching done");
        return MatchingMath.result(NAME, a, b, spec, perm, 1, history, (System.nanoTime() - start) / 1e9);
    }

    /** Per group, the weight axes that read the group's channels as their input (axis 1 of dense or conv). */
    static Map<String, List<AxisRef>> consumers(PermutationSpec spec, Model m) {
        Map<String, List<AxisRef>> out = new LinkedHashMap<>();
        for (PermutationSpec.Group g : spec.groups().values()) {
            List<AxisRef> refs = new ArrayList<>();
            for (AxisRef r : g.axes()) {
                int rank = m.tensor(r.tensor()).rank();
                if (r.axis() == 1 && r.inCost() && (rank == 2 || rank == 4)) {
                    refs.add(r);
                }
            }
            out.put(g.name(), refs);
        }
        return out;
    }

    /**
     * A layer input as a {@code [samples, C]} double matrix of the group's C channels: conv inputs
     * {@code [n, C, H, W]} give n·H·W samples; a dense input after a flatten, seen through the axis's view
     * {@code [out, C, HW]}, gives n·HW samples; a plain dense input gives n.
     */
    static INDArray channelSamples(INDArray x, AxisRef r, int channels) {
        INDArray s;
        if (x.rank() == 4) {
            s = x.permute(0, 2, 3, 1).dup('c').reshape(x.size(0) * x.size(2) * x.size(3), x.size(1));
        } else if (r.view() != null) {
            long hw = x.size(1) / channels;
            s = x.reshape(x.size(0), channels, hw).permute(0, 2, 1).dup('c').reshape(x.size(0) * hw, channels);
        } else {
            s = x;
        }
        if (s.size(1) != channels) {
            throw new IllegalStateException("layer input of " + r.tensor() + " has " + s.size(1)
                    + " channels, group expects " + channels);
        }
        return s.castTo(DataType.DOUBLE);
    }

    /** Streaming first and second moments of two aligned channel sets. */
    private static final class Stats {
        final int n;
        long count;
        final INDArray sumA;
        final INDArray sumB;
        final INDArray sqA;
        final INDArray sqB;
        final INDArray cross;

        Stats(int n) {
            this.n = n;
            sumA = Nd4j.zeros(DataType.DOUBLE, 1, n);
            sumB = Nd4j.zeros(DataType.DOUBLE, 1, n);
            sqA = Nd4j.zeros(DataType.DOUBLE, 1, n);
            sqB = Nd4j.zeros(DataType.DOUBLE, 1, n);
            cross = Nd4j.zeros(DataType.DOUBLE, n, n);
        }

        void add(INDArray za, INDArray zb) {
            count += za.size(0);
            sumA.addi(za.sum(0).reshape(1, n));
            sumB.addi(zb.sum(0).reshape(1, n));
            sqA.addi(za.mul(za).sum(0).reshape(1, n));
            sqB.addi(zb.mul(zb).sum(0).reshape(1, n));
            Nd4j.gemm(za, zb, cross, true, false, 1.0, 1.0);
        }

        double[][] product() {
            double[][] c = cross.toDoubleMatrix();
            for (double[] row : c) {
                for (int j = 0; j < row.length; j++) {
                    row[j] /= count;
                }
            }
            return c;
        }

        double[][] correlation() {
            double[] ma = sumA.toDoubleVector();
            double[] mb = sumB.toDoubleVector();
            double[] qa = sqA.toDoubleVector();
            double[] qb = sqB.toDoubleVector();
            double[] sa = new double[n];
            double[] sb = new double[n];
            for (int i = 0; i < n; i++) {
                ma[i] /= count;
                mb[i] /= count;
                sa[i] = Math.sqrt(Math.max(0, qa[i] / count - ma[i] * ma[i]));
                sb[i] = Math.sqrt(Math.max(0, qb[i] / count - mb[i] * mb[i]));
            }
            double[][] c = cross.toDoubleMatrix();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double cov = c[i][j] / count - ma[i] * mb[j];
                    // A constant unit (dead ReLU) has no correlation with anything; 0 lets the assignment
                    // place it wherever it costs the others least.
                    double den = sa[i] * sb[j];
                    c[i][j] = den > 1e-12 * (1 + Math.abs(ma[i] * mb[j])) ? cov / den : 0;
                }
            }
            return c;
        }
    }
}
