package org.lmcx.nn;

import org.lmcx.nn.FastForward.Mode;
import org.lmcx.nn.FastForward.StatisticsSink;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The per-op kernels of {@link FastForward}: one libnd4j call (or a short sequence of them) per primitive of
 * {@link org.lmcx.model.Lowering}. {@link FastForward} lowers layers onto these ops and runs them in order;
 * conv2d with a folded inference-mode BN and BN itself keep the parameter views and folded copies that
 * {@link FastForward#refresh()} rewrites.
 */
// "try": ND4J workspace scopes are opened for their effect on allocation; the resource itself is never used.
@SuppressWarnings("try")
final class FastOps {

    private FastOps() {
    }

    /**
     * One layer as an op. {@code owned} says whether {@code x} belongs to this pass alone (produced by an
     * earlier op and not shared with a residual branch), so it may be overwritten.
     */
    interface Op {
        INDArray apply(INDArray x, boolean owned, Mode mode, StatisticsSink sink);

        /** Whether {@link #apply} returns an array that the next op may overwrite. */
        @SuppressWarnings("UnusedVariable") // the ops that pass their input through read it
        default boolean producesOwned(boolean inputOwned) {
            return true;
        }
    }

    /** ReLU, in place when the input is owned. */
    static Op relu() {
        return new Op() {
            @Override
            public INDArray apply(INDArray x, boolean owned, Mode mode, StatisticsSink sink) {
                return Transforms.relu(x, !owned);
            }
        };
    }

    /** libnd4j {@code maxpool2d} or {@code avgpool2d} with a square window and no padding. */
    static Op pool(String op, int kernel, int stride) {
        return (x, owned, mode, sink) -> pool(op, x, kernel, stride);
    }

    static Op globalAvgPool() {
        return (x, owned, mode, sink) -> x.mean(2, 3).reshape(x.size(0), x.size(1), 1, 1);
    }

    /** {@code [n, ...]} to {@code [n, rest]}: usually a reshaped view of its input, so ownership passes on. */
    static Op flatten() {
        return new Op() {
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
        };
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
    static final class BatchNormOp {
        final String meanKey;
        final String varKey;
        final int channels;
        final double eps;
        final INDArray gamma;
        final INDArray beta;
        final INDArray mean;
        final INDArray var;
        /** gamma / sqrt(var + eps) and beta − mean·scale, from running statistics; rewritten by refresh. */
        final INDArray scale;
        final INDArray shift;

        BatchNormOp(String meanKey, String varKey, int channels, double eps, INDArray gamma, INDArray beta,
                    INDArray mean, INDArray var) {
            this.meanKey = meanKey;
            this.varKey = varKey;
            this.channels = channels;
            this.eps = eps;
            this.gamma = gamma;
            this.beta = beta;
            this.mean = mean;
            this.var = var;
            this.scale = Nd4j.create(DataType.FLOAT, channels);
            this.shift = Nd4j.create(DataType.FLOAT, channels);
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
                double s = g[c] / Math.sqrt(vv[c] + eps);
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
                    sink.accept(meanKey, varKey, md, vd);
                }
            }
            INDArray sc = Nd4j.create(DataType.FLOAT, channels);
            INDArray sh = Nd4j.create(DataType.FLOAT, channels);
            affine(m, v, sc, sh);
            return channelAffine(x, owned, sc, sh);
        }
    }

    /** conv2d with OIHW weights (DL4J's and PyTorch's layout, libnd4j wFormat 1) and an optional folded BN. */
    static final class ConvOp implements Op {
        final int out;
        final int kernel;
        final int stride;
        final int padding;
        final INDArray weight;
        final INDArray bias;
        BatchNormOp bn;
        INDArray foldedWeight;
        INDArray foldedBias;

        ConvOp(int out, int kernel, int stride, int padding, INDArray weight, INDArray bias) {
            this.out = out;
            this.kernel = kernel;
            this.stride = stride;
            this.padding = padding;
            this.weight = weight;
            this.bias = bias;
        }

        /** Folds the BN that follows into this convolution at inference (copies rewritten by {@link #refresh}). */
        void fold(BatchNormOp following) {
            this.bn = following;
            this.foldedWeight = Nd4j.create(DataType.FLOAT, weight.shape(), 'c');
            this.foldedBias = Nd4j.create(DataType.FLOAT, out);
        }

        void refresh() {
            if (bn == null) {
                return;
            }
            // Rows of the [out, in·k·k] view are output channels: W'[o] = W[o]·scale[o], b' = b·scale + shift.
            INDArray rows = foldedWeight.reshape(out, foldedWeight.length() / out);
            rows.assign(weight.reshape(rows.shape()));
            rows.muliColumnVector(bn.scale.reshape(out, 1));
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
            int k = kernel;
            int s = stride;
            int p = padding;
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
    record DenseOp(INDArray weight, INDArray bias) implements Op {
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
