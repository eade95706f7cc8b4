package org.lmcx.nn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.lmcx.model.Architecture;
import org.lmcx.model.Model;
import org.lmcx.model.Tensor;
import org.lmcx.task.Monitor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one evaluation path of LMC Explorer: a DL4J network built once per architecture, into which models
 * (or interpolations of models) are written in place as flat parameter vectors. Interpolation, landscapes,
 * the slider preview, activation matching and STE all go through here.
 *
 * <p>Not thread-safe: a network belongs to the compute thread that uses it.
 */
public final class Network {

    static {
        // Before the first ND4J class initializes, so JavaCPP loads the oneDNN build where it should.
        NativePlatform.select();
    }

    /**
     * Which implementation runs a forward pass. {@link #FAST} (libnd4j/oneDNN ops, see {@link FastForward}) is
     * what {@link #logits} and {@link #evaluate} use; {@link #DL4J} (the graph's own layers) stays for
     * gradients, for equivalence tests and as the bench's baseline.
     */
    public enum Engine { FAST, DL4J }

    private final Architecture architecture;
    private final ComputationGraph graph;
    private final List<NetworkBuilder.Binding> bindings;
    private final List<NetworkBuilder.BatchNormSite> batchNorms;
    private final boolean imageInput;
    private final INDArray trainableMask;
    private final FastForward fast;
    /** BN running-statistics views keyed by their state_dict names (for the fast BN reset). */
    private final Map<String, INDArray> paramViews;

    private Network(Architecture architecture, NetworkBuilder.Built built) {
        this.architecture = architecture;
        this.graph = built.graph();
        this.bindings = built.bindings();
        this.batchNorms = built.batchNorms();
        this.imageInput = built.convolutionalInput();
        this.trainableMask = buildTrainableMask();
        this.paramViews = new HashMap<>();
        for (NetworkBuilder.Binding b : bindings) {
            paramViews.put(b.tensor(), graph.getLayer(b.vertex()).getParam(b.param()));
        }
        this.fast = new FastForward(architecture, paramViews, Integer.getInteger("lmcx.forward.chunk",
                FastForward.chunkFor(architecture)));
    }

    public static Network build(Architecture architecture) {
        org.lmcx.task.ComputeThreadGuard.check("Network.build");
        return new Network(architecture, NetworkBuilder.build(architecture));
    }

    static Network fromBuilt(Architecture architecture, NetworkBuilder.Built built) {
        return new Network(architecture, built);
    }

    public Architecture architecture() {
        return architecture;
    }

    /** Whether batches must be shaped {@code [n,C,H,W]} ({@link Batches#of}'s imageInput). */
    public boolean imageInput() {
        return imageInput;
    }

    public Batches batches(org.lmcx.model.Dataset data, int batchSize) {
        // Every evaluation, statistics pass and data-based matcher gets its data here: one gate for the fit.
        data.requireFits(architecture);
        return Batches.of(data, batchSize, imageInput);
    }

    public long parameterCount() {
        return graph.numParams();
    }

    /** The underlying DL4J graph, for code in this package and tests comparing against DL4J itself. */
    ComputationGraph graph() {
        return graph;
    }

    /** A second fast forward over this network's parameters with another chunk size (tests, bench). */
    FastForward fastForward(int chunk) {
        return new FastForward(architecture, paramViews, chunk);
    }

    /** Writes a model into the network and returns its flat parameter vector (a copy). */
    public ParamVector paramsOf(Model model) {
        load(model);
        return new ParamVector(graph.params().dup());
    }

    /** Writes every bound tensor of the model into the network's parameters. */
    public void load(Model model) {
        for (NetworkBuilder.Binding b : bindings) {
            INDArray target = graph.getLayer(b.vertex()).getParam(b.param());
            Tensor t = model.tensor(b.tensor());
            INDArray src = Nd4j.create(t.data(), toLong(t.shape()), 'c');
            if (b.transpose()) {
                src = src.transpose();
            }
            target.assign(src.reshape(target.shape()));
        }
    }

    public void load(ParamVector params) {
        graph.params().assign(params.flat);
    }

    /** θ(λ) = (1−λ)·a + λ·b, written in place without allocating a network-sized temporary. */
    public void loadInterpolated(ParamVector a, ParamVector b, double lambda) {
        INDArray p = graph.params();
        p.assign(a.flat);
        p.muli(1 - lambda);
        Nd4j.getBlasWrapper().level1().axpy(p.length(), lambda, b.flat, p);
    }

    /** θ = o + x·e1 + y·e2 in place (the 2D landscape). */
    public void loadPlanePoint(ParamVector origin, ParamVector e1, ParamVector e2, double x, double y) {
        INDArray p = graph.params();
        p.assign(origin.flat);
        Nd4j.getBlasWrapper().level1().axpy(p.length(), x, e1.flat, p);
        Nd4j.getBlasWrapper().level1().axpy(p.length(), y, e2.flat, p);
    }

    /** The network's current parameters as a model (tensors not bound to the network come from template). */
    public Model currentModel(String source, Model template) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (NetworkBuilder.Binding b : bindings) {
            INDArray p = graph.getLayer(b.vertex()).getParam(b.param());
            Tensor t = template.tensor(b.tensor());
            int[] s = t.shape();
            INDArray v = b.transpose() ? p.transpose() : p;
            float[] data = flatFloats(v);
            out.put(b.tensor(), new Tensor(s, data, t.storedType()));
        }
        return template.withTensors(source, out);
    }

    /** A flat vector (network order) with 1 for trainable parameters and 0 for BN running statistics. */
    public ParamVector trainableMask() {
        return new ParamVector(trainableMask.dup());
    }

    private INDArray buildTrainableMask() {
        INDArray saved = graph.params().dup();
        graph.params().assign(1);
        for (NetworkBuilder.Binding b : bindings) {
            if (b.param().equals("mean") || b.param().equals("var")) {
                graph.getLayer(b.vertex()).getParam(b.param()).assign(0);
            }
        }
        INDArray mask = graph.params().dup();
        graph.params().assign(saved);
        return mask;
    }

    /** Logits {@code [n, classes]} of the current parameters, row-major. */
    public float[] logits(Batches data) {
        return logits(data, Engine.FAST);
    }

    /** {@link #logits(Batches)} through the given engine (the bench and equivalence tests compare them). */
    public float[] logits(Batches data, Engine engine) {
        org.lmcx.task.ComputeThreadGuard.check("Network.logits");
        if (engine == Engine.FAST) {
            // The fast forward cuts its own chunks (sized for speed and memory) from all rows at once.
            fast.refresh();
            return fast.logits(data.all());
        }
        float[] out = new float[data.exampleCount() * architecture.numClasses()];
        int row = 0;
        for (Batches.Batch b : data.list()) {
            float[] l = logits(b.features(), engine);
            System.arraycopy(l, 0, out, row * architecture.numClasses(), l.length);
            row += b.size();
        }
        return out;
    }

    private float[] logits(INDArray x, Engine engine) {
        if (engine == Engine.FAST) {
            return fast.logits(x);
        }
        INDArray out = graph.output(List.of(NetworkBuilder.LOGITS), false, new INDArray[]{x}, null)[0];
        return flatFloats(out);
    }

    /** Mean cross-entropy and accuracy of the current parameters; polls cancellation once per forward chunk. */
    public Metrics evaluate(Batches data, Monitor monitor) {
        org.lmcx.task.ComputeThreadGuard.check("Network.evaluate");
        int classes = architecture.numClasses();
        double lossSum = 0;
        int correct = 0;
        fast.refresh();
        // All rows at once in the fast forward's own chunks; cancellation is polled before each chunk.
        float[] l = fast.logits(data.all(), monitor::checkCancelled);
        int[] labels = data.dataset().labels();
        for (int i = 0; i < labels.length; i++) {
            int off = i * classes;
            lossSum += CrossEntropy.of(l, off, classes, labels[i]);
            if (CrossEntropy.argmax(l, off, classes) == labels[i]) {
                correct++;
            }
        }
        int n = data.exampleCount();
        return new Metrics(lossSum / n, (double) correct / n, n);
    }

    public Metrics evaluate(Batches data) {
        return evaluate(data, Monitor.NONE);
    }

    /**
     * Recomputes every BN layer's running statistics from the current parameters, as PyTorch's usual
     * "reset BN" does (train mode, momentum None): each layer's statistics are the average over batches of the
     * batch mean and the unbiased batch variance of its input, with earlier BN layers normalizing by batch
     * statistics during the pass.
     */
    public void resetBatchNorm(Batches train, Monitor monitor) {
        resetBatchNorm(train, monitor, Engine.FAST);
    }

    /** {@link #resetBatchNorm(Batches, Monitor)} through the given engine. */
    public void resetBatchNorm(Batches train, Monitor monitor, Engine engine) {
        org.lmcx.task.ComputeThreadGuard.check("Network.resetBatchNorm");
        if (batchNorms.isEmpty()) {
            return;
        }
        if (engine == Engine.FAST) {
            resetBatchNormFast(train, monitor);
            return;
        }
        Map<String, double[]> meanSum = new HashMap<>();
        Map<String, double[]> varSum = new HashMap<>();
        int count = 0;
        for (Batches.Batch b : train.list()) {
            monitor.checkCancelled();
            Map<String, INDArray> acts = graph.feedForward(new INDArray[]{b.features()}, true, false);
            for (NetworkBuilder.BatchNormSite s : batchNorms) {
                INDArray x = acts.get(s.inputVertex());
                INDArray perChannel = x.rank() == 4
                        ? x.permute(1, 0, 2, 3).dup('c').reshape(x.size(1), x.length() / x.size(1))
                        : x.transpose().dup('c');
                INDArray mean = perChannel.castTo(DataType.DOUBLE).mean(1);
                INDArray var = perChannel.castTo(DataType.DOUBLE).var(true, 1);
                accumulate(meanSum, s.vertex(), mean.toDoubleVector());
                accumulate(varSum, s.vertex(), var.toDoubleVector());
            }
            count++;
        }
        graph.clearLayerMaskArrays();
        graph.clear();
        for (NetworkBuilder.BatchNormSite s : batchNorms) {
            double[] m = meanSum.get(s.vertex());
            double[] v = varSum.get(s.vertex());
            float[] mf = new float[m.length];
            float[] vf = new float[v.length];
            for (int i = 0; i < m.length; i++) {
                mf[i] = (float) (m[i] / count);
                vf[i] = (float) (v[i] / count);
            }
            INDArray meanParam = graph.getLayer(s.vertex()).getParam("mean");
            INDArray varParam = graph.getLayer(s.vertex()).getParam("var");
            meanParam.assign(Nd4j.create(mf).reshape(meanParam.shape()));
            varParam.assign(Nd4j.create(vf).reshape(varParam.shape()));
        }
    }

    private void resetBatchNormFast(Batches train, Monitor monitor) {
        Map<String, double[]> meanSum = new HashMap<>();
        Map<String, double[]> varSum = new HashMap<>();
        int count = 0;
        for (Batches.Batch b : train.list()) {
            monitor.checkCancelled();
            fast.batchStatistics(b.features(), (meanKey, varKey, mean, var) -> {
                accumulate(meanSum, meanKey, mean.toDoubleVector());
                accumulate(varSum, varKey, var.toDoubleVector());
            });
            count++;
        }
        for (Map<String, double[]> sums : List.of(meanSum, varSum)) {
            for (Map.Entry<String, double[]> e : sums.entrySet()) {
                double[] s = e.getValue();
                float[] f = new float[s.length];
                for (int i = 0; i < s.length; i++) {
                    f[i] = (float) (s[i] / count);
                }
                INDArray target = paramViews.get(e.getKey());
                target.assign(Nd4j.create(f).reshape(target.shape()));
            }
        }
    }

    private static void accumulate(Map<String, double[]> sums, String key, double[] v) {
        double[] s = sums.computeIfAbsent(key, k -> new double[v.length]);
        for (int i = 0; i < v.length; i++) {
            s[i] += v[i];
        }
    }


    /** Loss and gradient of one batch. */
    public record LossAndGradient(double loss, ParamVector gradient) {
    }

    /** The network's current flat parameters (a copy). */
    public ParamVector currentParams() {
        return new ParamVector(graph.params().dup());
    }

    /**
     * For one batch and the current parameters, the activation each weight layer (dense, conv) receives, keyed
     * by its weight tensor: {@code [n, in]} for a dense layer (a convolutional activation flattened
     * channel-major, as the layer sees it), {@code [n, C, H, W]} for a convolution. Inference mode (BN uses
     * its running statistics). Arrays are detached copies in float.
     *
     * <p>Activation matching, the hidden-input alignment and anything else that needs "what flows into
     * layer l" read it here so that only this package knows DL4J vertex names.
     */
    public Map<String, INDArray> layerInputs(INDArray features) {
        Map<String, INDArray> acts = graph.feedForward(new INDArray[]{features}, false, false);
        Map<String, List<String>> inputsOf = graph.getConfiguration().getVertexInputs();
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (NetworkBuilder.Binding b : bindings) {
            if (!b.param().equals("W")) {
                continue;
            }
            INDArray x = acts.get(inputsOf.get(b.vertex()).get(0));
            boolean dense = graph.getLayer(b.vertex()).conf().getLayer()
                    instanceof org.deeplearning4j.nn.conf.layers.DenseLayer;
            INDArray c = x.castTo(DataType.FLOAT).dup('c');
            if (dense && c.rank() != 2) {
                c = c.reshape(c.size(0), c.length() / c.size(0));
            }
            out.put(b.tensor(), c);
        }
        graph.clear();
        return out;
    }

    /** Wraps a flat float vector in network order (e.g. a model built up by arithmetic) for {@link #load(ParamVector)}. */
    public ParamVector vector(float[] flat) {
        if (flat.length != graph.params().length()) {
            throw new IllegalArgumentException("parameter vector of length " + flat.length + " for a network of "
                    + graph.params().length() + " parameters");
        }
        return new ParamVector(Nd4j.create(flat.clone(), new long[]{1, flat.length}, 'c'));
    }

    /**
     * Mean loss over the batch and the gradient of that mean (network order, BN statistics zeroed). DL4J's raw
     * gradient is the sum over the batch's examples (it divides by the batch size only inside its updater, while
     * its score is already the mean), so it is divided here: loss and gradient must belong to the same function,
     * as Taylor expansions and STE steps need. The loss is {@link CrossEntropy} of the same training-mode
     * forward (DL4J's own score clips probabilities), at the price of one more forward pass.
     */
    public LossAndGradient meanLossAndGradient(Batches.Batch batch) {
        org.lmcx.task.ComputeThreadGuard.check("Network.meanLossAndGradient");
        float[] logits = flatFloats(graph.output(List.of(NetworkBuilder.LOGITS), true,
                new INDArray[]{batch.features()}, null)[0]);
        double loss = CrossEntropy.mean(logits, batch.labels(), architecture.numClasses());
        graph.setInputs(batch.features());
        graph.setLabels(batch.oneHot());
        graph.computeGradientAndScore();
        INDArray grad = graph.gradient().gradient().dup().reshape(graph.params().length()).muli(trainableMask)
                .divi(batch.size());
        graph.clear();
        return new LossAndGradient(loss, new ParamVector(grad));
    }

    /** Row-major float copy of any array (ND4J's reshape(char, long...) overloads are a trap: avoid them). */
    static float[] flatFloats(INDArray a) {
        INDArray d = a.castTo(DataType.FLOAT).dup('c');
        return d.reshape(d.length()).toFloatVector();
    }

    static long[] toLong(int[] s) {
        long[] l = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            l[i] = s[i];
        }
        return l;
    }
}
