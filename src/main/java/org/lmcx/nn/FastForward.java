package org.lmcx.nn;

import org.lmcx.model.Architecture;
import org.lmcx.model.Layer;
import org.lmcx.model.Lowering;
import org.lmcx.nn.FastOps.BatchNormOp;
import org.lmcx.nn.FastOps.ConvOp;
import org.lmcx.nn.FastOps.DenseOp;
import org.lmcx.nn.FastOps.Op;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MirroringPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

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
 *
 * <p>This class holds the plan (layers lowered onto ops, chunking, workspaces); the ops themselves are in
 * {@link FastOps}.
 */
// "try": ND4J workspace scopes are opened for their effect on allocation; the resource itself is never used.
@SuppressWarnings("try")
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
        void accept(String runningMean, String runningVar, INDArray mean, INDArray unbiasedVar);
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
            for (List<Layer> branch : l.branches()) {
                walk(branch, s, sum);
            }
            s = l.outputShape(s);
            sum[0] += Math.max(1, org.lmcx.model.Tensor.elementCount(s));
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
    // Program: layers lowered onto the ops of FastOps, run in order

    /** Runs {@code ops} in order, passing along whether the current array may be overwritten. */
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
        Compiler c = new Compiler(params);
        for (Layer l : layers) {
            l.lower(c);
        }
        return c.ops;
    }

    /** The primitives as ops; a BN right after a convolution of its width is folded into that convolution. */
    private final class Compiler implements Lowering {
        final List<Op> ops = new ArrayList<>();
        final Map<String, INDArray> params;

        Compiler(Map<String, INDArray> params) {
            this.params = params;
        }

        @Override
        public void dense(String weight, String bias, int in, int out) {
            ops.add(new DenseOp(param(params, weight), bias == null ? null : vector(param(params, bias))));
        }

        @Override
        public void conv2d(String weight, String bias, int in, int out, int kernel, int stride, int padding) {
            ConvOp op = new ConvOp(out, kernel, stride, padding, param(params, weight),
                    bias == null ? null : vector(param(params, bias)));
            convs.add(op);
            ops.add(op);
        }

        @Override
        public void batchNorm(String weight, String bias, String runningMean, String runningVar, int channels,
                              double eps) {
            BatchNormOp bn = new BatchNormOp(runningMean, runningVar, channels, eps, vector(param(params, weight)),
                    vector(param(params, bias)), vector(param(params, runningMean)),
                    vector(param(params, runningVar)));
            batchNorms.add(bn);
            if (!ops.isEmpty() && ops.get(ops.size() - 1) instanceof ConvOp c && c.bn == null && c.out == channels) {
                c.fold(bn);
            } else {
                ops.add(bn::apply);
            }
        }

        @Override
        public void relu() {
            ops.add(FastOps.relu());
        }

        @Override
        public void pool(Pool kind, int kernel, int stride) {
            ops.add(FastOps.pool(kind == Pool.MAX ? "maxpool2d" : "avgpool2d", kernel, stride));
        }

        @Override
        public void globalAvgPool() {
            ops.add(FastOps.globalAvgPool());
        }

        @Override
        public void flatten() {
            ops.add(FastOps.flatten());
        }

        @Override
        public void residual(List<Layer> mainLayers, List<Layer> shortcutLayers) {
            List<Op> main = compile(mainLayers, params);
            List<Op> shortcut = compile(shortcutLayers, params);
            ops.add((x, owned, mode, sink) -> {
                INDArray m = run(main, x, false, mode, sink);
                INDArray s = run(shortcut, x, false, mode, sink);
                boolean mainOwned = !main.isEmpty() && m != x;
                return mainOwned ? m.addi(s) : m.add(s);
            });
        }
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
}
