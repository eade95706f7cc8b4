package org.lmcx.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One operation of a network, naming the state_dict keys of its parameters. Built-in families expand into these;
 * custom descriptors list them directly. Shapes follow PyTorch: dense weights {@code [out,in]}, convolutions
 * OIHW, activations NCHW.
 *
 * <p>This file is the one place a layer type is defined: each record states its descriptor entry ({@link #TYPES}),
 * its shape rule, its parameters and their state_dict keys, how permutations act on it and how it lowers onto
 * the engines' primitives ({@link Lowering}: the DL4J graph and the fast forward both implement them). The
 * engines (architecture walk, spec derivation, network builder, fast forward, benchmark) iterate over layers
 * through this interface and never switch on the type. A new type made of existing primitives touches only this
 * file; a genuinely new primitive also adds a method to {@link Lowering} and its two implementations in
 * {@code nn}.
 */
public interface Layer {

    /** One parameter tensor: its state_dict key and shape; {@code trainable} is false for BN running statistics. */
    record Param(String key, int[] shape, boolean trainable) {
        public Param {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        public long size() {
            return Tensor.elementCount(shape);
        }
    }

    /**
     * A weight whose rows are output units, as spectra and alignment read it ({@code [out, in·k·k]}); for a
     * convolution the window that produced its inputs ({@code kernel} 0 for a dense layer).
     */
    record WeightMatrix(String tensor, int kernel, int stride, int padding) {
        public boolean convolution() {
            return kernel > 0;
        }
    }

    /** The name descriptors use for this layer. */
    String type();

    /** Output shape of one example; an input that does not fit is an {@link IllegalArgumentException}. */
    int[] outputShape(int[] in);

    /** Parameter tensors, in network order (nested branches included). */
    default List<Param> parameters() {
        return List.of();
    }

    /** Sub-networks evaluated on this layer's input (the residual's branches), else empty. */
    default List<List<Layer>> branches() {
        return List.of();
    }

    /**
     * Registers how the permutations act on this layer: {@code in} is the group permuting the input's channel
     * axis (null: none); returns the group of the output's channel axis. The default passes the channel
     * permutation through, right for every per-channel or per-position operation.
     */
    default String permute(PermutationSpec.Deriver spec, String in, int[] inShape) {
        return in;
    }

    /** Emits this layer as the engines' primitives. */
    void lower(Lowering to);

    /** The weight matrix spectra and alignment analyse, if this layer has one. */
    default Optional<WeightMatrix> weightMatrix() {
        return Optional.empty();
    }

    /** {@code {m, k, n}} of the matrix product one example costs here ({@code m} output positions), or null. */
    default long[] gemm(int[] in) {
        return null;
    }

    /** Whether this layer may be the network's last, producing the logits (closes no permutation group). */
    default boolean producesLogits() {
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The types

    /** {@code y = x Wᵀ + b}; {@code bias} may be null. */
    record Dense(String weight, String bias, int in, int out) implements Layer {
        @Override
        public String type() {
            return "dense";
        }

        @Override
        public int[] outputShape(int[] s) {
            check(s.length == 1 && s[0] == in, this, s, "expects a vector of " + in);
            return new int[]{out};
        }

        @Override
        public List<Param> parameters() {
            return weightAndBias(weight, new int[]{out, in}, bias, out);
        }

        @Override
        public String permute(PermutationSpec.Deriver spec, String g, int[] inShape) {
            String o = spec.open(this, weight, out);
            spec.add(o, weight, 0, null, true);
            spec.add(o, bias, 0, null, true);
            int[] from = spec.takeFlattened();
            int hw = from != null && from.length == 3 ? from[1] * from[2] : 1;
            spec.add(g, weight, 1, hw == 1 ? null : new int[]{out, from[0], hw}, true);
            return o;
        }

        @Override
        public void lower(Lowering to) {
            to.dense(weight, bias, in, out);
        }

        @Override
        public Optional<WeightMatrix> weightMatrix() {
            return Optional.of(new WeightMatrix(weight, 0, 1, 0));
        }

        @Override
        public long[] gemm(int[] s) {
            return new long[]{1, in, out};
        }

        @Override
        public boolean producesLogits() {
            return true;
        }
    }

    /** Cross-correlation with zero padding, square kernel; {@code bias} may be null. */
    record Conv2d(String weight, String bias, int in, int out, int kernel, int stride, int padding) implements Layer {
        public Conv2d {
            positive(kernel, "kernel");
            positive(stride, "stride");
            if (padding < 0) {
                throw new UserInputException("conv2d " + weight + ": padding must be ≥ 0, got " + padding);
            }
        }

        @Override
        public String type() {
            return "conv2d";
        }

        @Override
        public int[] outputShape(int[] s) {
            check(s.length == 3 && s[0] == in, this, s, "expects " + in + " channels");
            int h = (s[1] + 2 * padding - kernel) / stride + 1;
            int w = (s[2] + 2 * padding - kernel) / stride + 1;
            check(h > 0 && w > 0, this, s, "leaves no output pixels");
            return new int[]{out, h, w};
        }

        @Override
        public List<Param> parameters() {
            return weightAndBias(weight, new int[]{out, in, kernel, kernel}, bias, out);
        }

        @Override
        public String permute(PermutationSpec.Deriver spec, String g, int[] inShape) {
            String o = spec.open(this, weight, out);
            spec.add(o, weight, 0, null, true);
            spec.add(o, bias, 0, null, true);
            spec.add(g, weight, 1, null, true);
            return o;
        }

        @Override
        public void lower(Lowering to) {
            to.conv2d(weight, bias, in, out, kernel, stride, padding);
        }

        @Override
        public Optional<WeightMatrix> weightMatrix() {
            return Optional.of(new WeightMatrix(weight, kernel, stride, padding));
        }

        @Override
        public long[] gemm(int[] s) {
            int[] o = outputShape(s);
            return new long[]{(long) o[1] * o[2], (long) in * kernel * kernel, out};
        }
    }

    /** Eval-mode batch norm: {@code (x − mean) / sqrt(var + eps) · weight + bias}, var biased as PyTorch keeps it. */
    record BatchNorm(String weight, String bias, String runningMean, String runningVar, int channels, double eps)
            implements Layer {
        public BatchNorm {
            if (!(eps > 0) || Double.isInfinite(eps)) {
                throw new UserInputException("batchnorm " + weight + ": eps must be a finite number > 0, got "
                        + eps);
            }
        }

        @Override
        public String type() {
            return "batchnorm";
        }

        @Override
        public int[] outputShape(int[] s) {
            check(s[0] == channels, this, s, "expects " + channels + " channels");
            return s.clone();
        }

        @Override
        public List<Param> parameters() {
            int[] v = {channels};
            return List.of(new Param(weight, v, true), new Param(bias, v, true), new Param(runningMean, v, false),
                    new Param(runningVar, v, false));
        }

        /** Weight and bias move with their channel and are matched; running statistics move but are no cost. */
        @Override
        public String permute(PermutationSpec.Deriver spec, String g, int[] inShape) {
            spec.add(g, weight, 0, null, true);
            spec.add(g, bias, 0, null, true);
            spec.add(g, runningMean, 0, null, false);
            spec.add(g, runningVar, 0, null, false);
            return g;
        }

        @Override
        public void lower(Lowering to) {
            to.batchNorm(weight, bias, runningMean, runningVar, channels, eps);
        }
    }

    record Relu() implements Layer {
        @Override
        public String type() {
            return "relu";
        }

        @Override
        public int[] outputShape(int[] s) {
            return s.clone();
        }

        @Override
        public void lower(Lowering to) {
            to.relu();
        }
    }

    record MaxPool(int kernel, int stride) implements Layer {
        public MaxPool {
            positive(kernel, "maxpool kernel");
            positive(stride, "maxpool stride");
        }

        @Override
        public String type() {
            return "maxpool";
        }

        @Override
        public int[] outputShape(int[] s) {
            return pooled(this, s, kernel, stride);
        }

        @Override
        public void lower(Lowering to) {
            to.pool(Lowering.Pool.MAX, kernel, stride);
        }
    }

    record AvgPool(int kernel, int stride) implements Layer {
        public AvgPool {
            positive(kernel, "avgpool kernel");
            positive(stride, "avgpool stride");
        }

        @Override
        public String type() {
            return "avgpool";
        }

        @Override
        public int[] outputShape(int[] s) {
            return pooled(this, s, kernel, stride);
        }

        @Override
        public void lower(Lowering to) {
            to.pool(Lowering.Pool.AVG, kernel, stride);
        }
    }

    /** Average over all spatial positions: {@code [C,H,W] → [C,1,1]} (PyTorch's AdaptiveAvgPool2d(1)). */
    record GlobalAvgPool() implements Layer {
        @Override
        public String type() {
            return "globalavgpool";
        }

        @Override
        public int[] outputShape(int[] s) {
            check(s.length == 3, this, s, "needs a [C,H,W] input");
            return new int[]{s[0], 1, 1};
        }

        @Override
        public void lower(Lowering to) {
            to.globalAvgPool();
        }
    }

    /** Channel-major flatten: {@code index = c·H·W + h·W + w}, as PyTorch's Flatten on NCHW. */
    record Flatten() implements Layer {
        @Override
        public String type() {
            return "flatten";
        }

        @Override
        public int[] outputShape(int[] s) {
            return new int[]{(int) Tensor.elementCount(s)};
        }

        /** The channel group stays, acting on the {@code [C, H·W]} view the next dense layer reads. */
        @Override
        public String permute(PermutationSpec.Deriver spec, String g, int[] inShape) {
            spec.markFlattened(inShape);
            return g;
        }

        @Override
        public void lower(Lowering to) {
            to.flatten();
        }
    }

    /**
     * PyTorch's {@code nn.Dropout} (and {@code nn.Identity}): the identity at evaluation, which is all this
     * workbench runs (STE trains a copy of A's weights, not its dropout).
     */
    record Dropout() implements Layer {
        @Override
        public String type() {
            return "dropout";
        }

        @Override
        public int[] outputShape(int[] s) {
            return s.clone();
        }

        @Override
        public void lower(Lowering to) {
            // nothing: the identity at evaluation
        }
    }

    /**
     * {@code main(x) + shortcut(x)}; an empty shortcut is the identity. ReLU after the sum, if any, is a
     * separate layer that follows.
     */
    record Residual(List<Layer> main, List<Layer> shortcut) implements Layer {
        public Residual {
            main = List.copyOf(main);
            shortcut = List.copyOf(shortcut);
        }

        @Override
        public String type() {
            return "residual";
        }

        @Override
        public int[] outputShape(int[] s) {
            int[] m = Architecture.walk(main, s, new java.util.LinkedHashMap<>());
            int[] sc = Architecture.walk(shortcut, s, new java.util.LinkedHashMap<>());
            check(Arrays.equals(m, sc), this, s, "adds branches of shapes " + Arrays.toString(m) + " and "
                    + Arrays.toString(sc));
            return m;
        }

        @Override
        public List<Param> parameters() {
            List<Param> ps = new ArrayList<>();
            for (List<Layer> branch : branches()) {
                branch.forEach(l -> ps.addAll(l.parameters()));
            }
            return ps;
        }

        @Override
        public List<List<Layer>> branches() {
            return List.of(main, shortcut);
        }

        /** A residual sum joins both branches' output groups into one permutation. */
        @Override
        public String permute(PermutationSpec.Deriver spec, String g, int[] inShape) {
            String m = spec.walk(main, g, inShape);
            String s = spec.walk(shortcut, g, inShape);
            if (m != null && s != null) {
                spec.union(m, s);
            } else if (m != null || s != null) {
                throw new IllegalArgumentException(spec.architectureName()
                        + ": a residual adds a permutable branch to the raw input, which no permutation keeps");
            }
            return m;
        }

        @Override
        public void lower(Lowering to) {
            to.residual(main, shortcut);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Descriptor entries

    /** A layer type as descriptors name it: its name, its aliases and how it reads its descriptor entry. */
    record Type(String name, List<String> aliases, Reader reader) {
        public boolean answersTo(String type) {
            String t = type.toLowerCase(Locale.ROOT);
            return name.equals(t) || aliases.contains(t);
        }
    }

    /** Reads one descriptor entry, validating its own fields (an {@link IllegalArgumentException} names them). */
    interface Reader {
        Layer read(LayerArgs a);
    }

    /** Every layer type, in the order the README lists them. */
    // The records are built only inside the readers' lambdas, which run after Layer is initialised, so the
    // initialisation-order deadlock Error Prone fears (a supertype's initialiser creating its subtypes) cannot happen.
    @SuppressWarnings("ClassInitializationDeadlock")
    List<Type> TYPES = List.of(
            new Type("dense", List.of("linear"), a -> {
                String w = a.tensor("weight");
                int[] ws = a.shape(w, 2);
                return new Dense(w, a.bias(), a.size(a.d().in(), ws, 1, w, "in"), a.size(a.d().out(), ws, 0, w, "out"));
            }),
            new Type("conv2d", List.of("conv"), a -> {
                String w = a.tensor("weight");
                int[] ws = a.shape(w, 4);
                return new Conv2d(w, a.bias(), a.size(a.d().in(), ws, 1, w, "in"), a.size(a.d().out(), ws, 0, w, "out"),
                        a.size(a.d().kernel(), ws, 2, w, "kernel"), a.or(a.d().stride(), 1), a.or(a.d().padding(), 0));
            }),
            new Type("batchnorm", List.of("bn"), a -> {
                String w = a.tensor("weight");
                int[] ws = a.shape(w, 1);
                Integer given = a.d().out() != null ? a.d().out() : a.d().in();
                return new BatchNorm(w, a.tensor("bias"), a.tensor("running_mean"), a.tensor("running_var"),
                        a.size(given, ws, 0, w, "channels"),
                        a.d().eps() == null ? Architectures.DEFAULT_BN_EPS : a.d().eps());
            }),
            new Type("relu", List.of(), a -> new Relu()),
            new Type("maxpool", List.of(), a -> new MaxPool(a.or(a.d().kernel(), 2),
                    a.or(a.d().stride(), a.or(a.d().kernel(), 2)))),
            new Type("avgpool", List.of(), a -> new AvgPool(a.or(a.d().kernel(), 2),
                    a.or(a.d().stride(), a.or(a.d().kernel(), 2)))),
            new Type("globalavgpool", List.of(), a -> new GlobalAvgPool()),
            new Type("flatten", List.of(), a -> new Flatten()),
            new Type("dropout", List.of("identity"), a -> new Dropout()),
            new Type("residual", List.of(), a -> new Residual(a.layers(a.d().main()), a.layers(a.d().shortcut()))));

    /** The entry answering to a descriptor's {@code type}, if any. */
    static Optional<Type> type(String name) {
        return TYPES.stream().filter(t -> t.answersTo(name)).findFirst();
    }

    /** Every name and alias a descriptor may use. */
    static List<String> typeNames() {
        List<String> names = new ArrayList<>();
        for (Type t : TYPES) {
            names.add(t.name());
            names.addAll(t.aliases());
        }
        return names;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Shared by the records (interfaces cannot hold private helpers that records see, hence package access)

    private static List<Param> weightAndBias(String weight, int[] shape, String bias, int out) {
        List<Param> ps = new ArrayList<>();
        ps.add(new Param(weight, shape, true));
        if (bias != null) {
            ps.add(new Param(bias, new int[]{out}, true));
        }
        return ps;
    }

    private static int[] pooled(Layer l, int[] s, int k, int stride) {
        check(s.length == 3, l, s, "needs a [C,H,W] input");
        int h = (s[1] - k) / stride + 1;
        int w = (s[2] - k) / stride + 1;
        check(h > 0 && w > 0, l, s, "leaves no output pixels");
        return new int[]{s[0], h, w};
    }

    private static void positive(int v, String what) {
        if (v < 1) {
            throw new UserInputException(what + " must be ≥ 1, got " + v);
        }
    }

    private static void check(boolean ok, Layer l, int[] s, String what) {
        if (!ok) {
            throw new UserInputException("layer " + l + " " + what + " but gets " + Arrays.toString(s));
        }
    }
}
