package org.lmcx.nn;

import org.lmcx.model.Architecture;
import org.lmcx.model.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MirroringPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The forward pass of {@link Network}, run as libnd4j ops (conv2d, maxpool2d, avgpool2d, gemm) instead of
 * DL4J's layers. On the oneDNN build (see {@link NativePlatform}) those ops are oneDNN primitives: a CIFAR
 * VGG/ResNet forward then runs at a large fraction of the machine's sgemm speed, where DL4J's
 * {@code ConvolutionLayer} (its own im2col + gemm, since its oneDNN helper never engages in M2.1) reaches
 * about a tenth.
 *
 * <p>Parameters are read from the DL4J graph's own parameter views, so everything that writes parameters in
 * place (interpolation, landscapes, STE) is seen here after {@link #refresh()}. Inference-mode BN that directly
 * follows a convolution is folded into that convolution's weights and bias (per-channel scale and shift): the
 * folded copies are allocated once per network and rewritten by {@link #refresh()}, never per batch or λ.
 *
 * <p>Activations live in a thread-local ND4J workspace that is reused across chunks, so a pass allocates no
 * network-sized memory after the first chunk; batches are cut into chunks (see {@link #chunkFor}) so that the
 * workspace stays near {@link #WORKSPACE_BUDGET} whatever the batch size.
 */
final class FastForward {

    /**
     * Chunks hold {@link #WORKSPACE_BUDGET} of activations, and never fewer than this many examples. Chosen by
     * measurement ({@code lmcx bench --only chunk}, {@code -Dlmcx.forward.chunk=N}; 2 cores): on ResNet20/CIFAR at
     * batch 256 on an idle machine, chunks of 64–128 ran in 0.18–0.19 s and 256 in 0.29 s (activations that stay
     * in cache), but 32 again 0.22 s and, under heavy load, 64 took 2.4× the CPU time of 256 (per-call costs:
     * oneDNN reorders, OpenMP fork/join). Dense nets want the opposite: gemm on 256-row slices ran at a third of
     * one 10,000-row gemm (MLP 784-512-512-10: 5.5 vs 33 GFLOPS), and the budget gives them one chunk.
     */
    static final int MIN_CHUNK = 128;
    /** Activation memory one chunk may take (the workspace is kept between chunks). */
    static final long WORKSPACE_BUDGET = 128L << 20;

    private static final String WORKSPACE = "LMCX_FAST_FORWARD";
    private static final WorkspaceConfiguration WORKSPACE_CONF = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.1)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyMirroring(MirroringPolicy.FULL)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    /** What BN normalizes with: running statistics (inference) or the batch's own (BN reset passes). */
    enum Mode { INFERENCE, BATCH_STATISTICS }

    /** Receives, in a batch-statistics pass, each BN layer's batch mean and unbiased batch variance. */
    interface StatisticsSink {
        void accept(Layer.BatchNorm bn, INDArray mean, INDArray unbiasedVar);
    }

    private final List<Op> program;
    private final List<BatchNormOp> batchNorms = new ArrayList<>();
    private final List<ConvOp> convs = new ArrayList<>();
    private final int classes;
    private final int chunk;

    FastForward(Architecture arch, Map<String, INDArray> params, int chunk) {
        this.classes = arch.numClasses();
        this.chunk = chunk;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            this.program = compile(arch.layers(), params);
        }
    }

    int chunk() {
        return chunk;
    }

    /** The chunk for {@code arch}: as many examples as fit {@link #WORKSPACE_BUDGET}, at least {@link #MIN_CHUNK}. */
    static int chunkFor(Architecture arch) {
        long[] sum = new long[1];
        walk(arch.layers(), arch.inputShape(), sum);
        long perExample = 4 * Math.max(1, sum[0]);
        return (int) Math.max(MIN_CHUNK, Math.min(Integer.MAX_VALUE, WORKSPACE_BUDGET / perExample));
    }

    /**
     * Output shape of {@code layers} on one example, adding every layer's output size to {@code sum[0]}: an upper
     * bound on what a pass keeps in its workspace per example.
     */
    private static int[] walk(List<Layer> layers, int[] in, long[] sum) {
        int[] s = in.clone();
        for (Layer l : layers) {
            if (l instanceof Layer.Conv2d c) {
                s = new int[]{c.out(), (s[1] + 2 * c.padding() - c.kernel()) / c.stride() + 1,
                        (s[2] + 2 * c.padding() - c.kernel()) / c.stride() + 1};
            } else if (l instanceof Layer.MaxPool p) {
                s = new int[]{s[0], (s[1] - p.kernel()) / p.stride() + 1, (s[2] - p.kernel()) / p.stride() + 1};
            } else if (l instanceof Layer.AvgPool p) {
                s = new int[]{s[0], (s[1] - p.kernel()) / p.stride() + 1, (s[2] - p.kernel()) / p.stride() + 1};
            } else if (l instanceof Layer.GlobalAvgPool) {
                s = new int[]{s[0], 1, 1};
            } else if (l instanceof Layer.Dense d) {
                s = new int[]{d.out()};
            } else if (l instanceof Layer.Residual r) {
                int[] main = walk(r.main(), s, sum);
                walk(r.shortcut(), s, sum);
                s = main;
            }
            long n = 1;
            for (int d : s) {
                n *= d;
            }
            sum[0] += n;
        }
        return s;
    }

    /** Re-derives folded weights and BN scales from the current parameters (cheap: one pass over them). */
    void refresh() {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (BatchNormOp bn : batchNorms) {
                bn.refresh();
            }
            for (ConvOp c : convs) {
                c.refresh();
            }
        }
    }

    /** Row-major logits {@code [n, classes]} in inference mode; assumes {@link #refresh()} since the last change. */
    float[] logits(INDArray x) {
        return logits(x, () -> { });
    }

    /** {@link #logits(INDArray)}, running {@code beforeChunk} (a cancellation poll) before each chunk. */
    float[] logits(INDArray x, Runnable beforeChunk) {
        int n = (int) x.size(0);
        float[] out = new float[n * classes];
        for (int start = 0; start < n; start += chunk) {
            beforeChunk.run();
            int end = Math.min(n, start + chunk);
            INDArray xs = slice(x, start, end, n);
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE_CONF,
                    WORKSPACE)) {
                INDArray y = run(program, xs, false, Mode.INFERENCE, null);
                float[] l = Network.flatFloats(y);
                System.arraycopy(l, 0, out, start * classes, l.length);
            }
        }
        return out;
    }

    /**
     * A training-mode pass over one batch (no chunking: statistics are per batch), handing each BN layer's
     * batch statistics to {@code sink} as detached double arrays.
     */
    void batchStatistics(INDArray x, StatisticsSink sink) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE_CONF,
                WORKSPACE)) {
            run(program, x, false, Mode.BATCH_STATISTICS, sink);
        }
    }

    private static INDArray slice(INDArray x, int start, int end, int n) {
        if (start == 0 && end == n) {
            return x;
        }
        if (x.rank() == 4) {
            return x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all());
        }
        return x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Program

    /**
     * One layer as an op. {@code owned} says whether {@code x} belongs to this pass alone (produced by an
     * earlier op and not shared with a residual branch), so it may be overwritten.
     */
    private interface Op {
        INDArray apply(INDArray x, boolean owned, Mode mode, StatisticsSink sink);

        /** Whether {@link #apply} returns an array that the next op may overwrite. */
        default boolean producesOwned(boolean inputOwned) {
            return true;
        }
    }

    private static INDArray run(List<Op> ops, INDArray x, boolean owned, Mode mode, StatisticsSink sink) {
        INDArray cur = x;
        boolean own = owned;
        for (Op op : ops) {
            INDArray next = op.apply(cur, own, mode, sink);
            own = op.producesOwned(own);
            cur = next;
        }
        return cur;
    }

    private List<Op> compile(List<Layer> layers, Map<String, INDArray> params) {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l instanceof Layer.Conv2d c) {
                BatchNormOp bn = null;
                if (i + 1 < layers.size() && layers.get(i + 1) instanceof Layer.BatchNorm b && b.channels() == c.out()) {
                    bn = batchNorm(b, params);
                    i++;
                }
                ConvOp op = new ConvOp(c, param(params, c.weight()), c.bias() == null ? null
                        : vector(param(params, c.bias())), bn);
                convs.add(op);
                ops.add(op);
            } else if (l instanceof Layer.BatchNorm b) {
                BatchNormOp bn = batchNorm(b, params);
                ops.add(bn::apply);
            } else if (l instanceof Layer.Dense d) {
                ops.add(new DenseOp(param(params, d.weight()), d.bias() == null ? null
                        : vector(param(params, d.bias()))));
            } else if (l instanceof Layer.Relu) {
                ops.add(new Op() {
                    @Override
                    public INDArray apply(INDArray x, boolean owned, Mode mode, StatisticsSink sink) {
                        return Transforms.relu(x, !owned);
                    }
                });
            } else if (l instanceof Layer.MaxPool p) {
                ops.add((x, owned, mode, sink) -> pool("maxpool2d", x, p.kernel(), p.stride()));
            } else if (l instanceof Layer.AvgPool p) {
                ops.add((x, owned, mode, sink) -> pool("avgpool2d", x, p.kernel(), p.stride()));
            } else if (l instanceof Layer.GlobalAvgPool) {
                ops.add((x, owned, mode, sink) -> x.mean(2, 3).reshape(x.size(0), x.size(1), 1, 1));
            } else if (l instanceof Layer.Flatten) {
                ops.add(new Op() {
                    @Override
                    public INDArray apply(INDArray x, boolean owned, Mode mode, StatisticsSink sink) {
                        if (x.rank() == 2) {
                            return x;
                        }
                        INDArray c = x.ordering() == 'c' && !x.isView() ? x : x.dup('c');
                        return c.reshape(c.size(0), c.length() / c.size(0));
                    }

                    @Override
                    public boolean producesOwned(boolean inputOwned) {
                        return inputOwned;
                    }
                });
            } else if (l instanceof Layer.Residual r) {
                List<Op> main = compile(r.main(), params);
                List<Op> shortcut = compile(r.shortcut(), params);
                ops.add((x, owned, mode, sink) -> {
                    INDArray m = run(main, x, false, mode, sink);
                    INDArray s = run(shortcut, x, false, mode, sink);
                    boolean mainOwned = !main.isEmpty() && m != x;
                    return mainOwned ? m.addi(s) : m.add(s);
                });
            } else {
                throw new IllegalArgumentException("fast forward: unsupported layer " + l);
            }
        }
        return ops;
    }

    private BatchNormOp batchNorm(Layer.BatchNorm b, Map<String, INDArray> params) {
        BatchNormOp op = new BatchNormOp(b, vector(param(params, b.weight())), vector(param(params, b.bias())),
                vector(param(params, b.runningMean())), vector(param(params, b.runningVar())));
        batchNorms.add(op);
        return op;
    }

    private static INDArray param(Map<String, INDArray> params, String name) {
        INDArray p = params.get(name);
        if (p == null) {
            throw new IllegalStateException("fast forward: no network parameter bound to " + name);
        }
        return p;
    }

    /** A {@code [1,C]} parameter view as a rank-1 view of the same memory. */
    private static INDArray vector(INDArray p) {
        return p.rank() == 1 ? p : p.reshape(p.length());
    }

    private static INDArray pool(String op, INDArray x, int k, int s) {
        // iArgs: kH kW sH sW pH pW dH dW sameMode extraParam0 dataFormat(0 = NCHW)
        return Nd4j.exec(DynamicCustomOp.builder(op).addInputs(x)
                .addIntegerArguments(k, k, s, s, 0, 0, 1, 1, 0, 0, 0).build())[0];
    }

    /** {@code x·scale + shift} per channel (axis 1), in place when allowed. */
    private static INDArray channelAffine(INDArray x, boolean inPlace, INDArray scale, INDArray shift) {
        INDArray z = inPlace ? x : Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
        Nd4j.getExecutioner().exec(new BroadcastMulOp(x, scale, z, 1));
        Nd4j.getExecutioner().exec(new BroadcastAddOp(z, shift, z, 1));
        return z;
    }

    /** Eval-mode BN as a per-channel affine map, or a batch-statistics BN in a reset pass. */
    private static final class BatchNormOp {
        final Layer.BatchNorm layer;
        final INDArray gamma;
        final INDArray beta;
        final INDArray mean;
        final INDArray var;
        /** gamma / sqrt(var + eps) and beta − mean·scale, from running statistics; rewritten by refresh. */
        final INDArray scale;
        final INDArray shift;

        BatchNormOp(Layer.BatchNorm layer, INDArray gamma, INDArray beta, INDArray mean, INDArray var) {
            this.layer = layer;
            this.gamma = gamma;
            this.beta = beta;
            this.mean = mean;
            this.var = var;
            this.scale = Nd4j.create(DataType.FLOAT, layer.channels());
            this.shift = Nd4j.create(DataType.FLOAT, layer.channels());
        }

        void refresh() {
            affine(mean, var, scale, shift);
        }

        /** scale = γ/√(v+ε), shift = β − m·scale, computed in double so folding adds no float32 error of its own. */
        private void affine(INDArray m, INDArray v, INDArray scaleOut, INDArray shiftOut) {
            double[] g = gamma.toDoubleVector();
            double[] b = beta.toDoubleVector();
            double[] mm = m.toDoubleVector();
            double[] vv = v.toDoubleVector();
            float[] sc = new float[g.length];
            float[] sh = new float[g.length];
            for (int c = 0; c < g.length; c++) {
                double s = g[c] / Math.sqrt(vv[c] + layer.eps());
                sc[c] = (float) s;
                sh[c] = (float) (b[c] - mm[c] * s);
            }
            scaleOut.assign(Nd4j.createFromArray(sc));
            shiftOut.assign(Nd4j.createFromArray(sh));
        }

        INDArray apply(INDArray x, boolean owned, Mode mode, StatisticsSink sink) {
            if (mode == Mode.INFERENCE) {
                return channelAffine(x, owned, scale, shift);
            }
            int[] axes = x.rank() == 4 ? new int[]{0, 2, 3} : new int[]{0};
            long count = x.length() / x.size(1);
            INDArray m = x.mean(axes);
            INDArray v = x.var(false, axes);
            if (sink != null) {
                try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    INDArray md = m.castTo(DataType.DOUBLE).detach();
                    INDArray vd = v.castTo(DataType.DOUBLE).detach().muli((double) count / Math.max(1, count - 1));
                    sink.accept(layer, md, vd);
                }
            }
            INDArray sc = Nd4j.create(DataType.FLOAT, layer.channels());
            INDArray sh = Nd4j.create(DataType.FLOAT, layer.channels());
            affine(m, v, sc, sh);
            return channelAffine(x, owned, sc, sh);
        }
    }

    /** conv2d with OIHW weights (DL4J's and PyTorch's layout, libnd4j wFormat 1) and an optional folded BN. */
    private static final class ConvOp implements Op {
        final Layer.Conv2d layer;
        final INDArray weight;
        final INDArray bias;
        final BatchNormOp bn;
        final INDArray foldedWeight;
        final INDArray foldedBias;

        ConvOp(Layer.Conv2d layer, INDArray weight, INDArray bias, BatchNormOp bn) {
            this.layer = layer;
            this.weight = weight;
            this.bias = bias;
            this.bn = bn;
            this.foldedWeight = bn == null ? null : Nd4j.create(DataType.FLOAT, weight.shape(), 'c');
            this.foldedBias = bn == null ? null : Nd4j.create(DataType.FLOAT, layer.out());
        }

        void refresh() {
            if (bn == null) {
                return;
            }
            // Rows of the [out, in·k·k] view are output channels: W'[o] = W[o]·scale[o], b' = b·scale + shift.
            INDArray rows = foldedWeight.reshape(layer.out(), foldedWeight.length() / layer.out());
            rows.assign(weight.reshape(rows.shape()));
            rows.muliColumnVector(bn.scale.reshape(layer.out(), 1));
            if (bias == null) {
                foldedBias.assign(bn.shift);
            } else {
                foldedBias.assign(bias).muli(bn.scale).addi(bn.shift);
            }
        }

        @Override
        public INDArray apply(INDArray x, boolean owned, Mode mode, StatisticsSink sink) {
            if (bn != null && mode == Mode.INFERENCE) {
                return conv(x, foldedWeight, foldedBias);
            }
            INDArray y = conv(x, weight, bias);
            return bn == null ? y : bn.apply(y, true, mode, sink);
        }

        private INDArray conv(INDArray x, INDArray w, INDArray b) {
            int k = layer.kernel();
            int s = layer.stride();
            int p = layer.padding();
            DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d");
            if (b != null) {
                op.addInputs(x, w, b);
            } else {
                op.addInputs(x, w);
            }
            // iArgs: kH kW sH sW pH pW dH dW paddingMode(0 = explicit) dataFormat(0 = NCHW) wFormat(1 = OIHW)
            op.addIntegerArguments(k, k, s, s, p, p, 1, 1, 0, 0, 1);
            return Nd4j.exec(op.build())[0];
        }
    }

    /** {@code x·W + b} with DL4J's {@code [in, out]} weight view. */
    private record DenseOp(INDArray weight, INDArray bias) implements Op {
        @Override
        public INDArray apply(INDArray x, boolean owned, Mode mode, StatisticsSink sink) {
            INDArray in = x.rank() == 2 ? x : x.reshape(x.size(0), x.length() / x.size(0));
            INDArray y = in.mmul(weight);
            if (bias != null) {
                y.addiRowVector(bias);
            }
            return y;
        }
    }
}
