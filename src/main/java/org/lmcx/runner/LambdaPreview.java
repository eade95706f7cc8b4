package org.lmcx.runner;

import org.lmcx.analysis.Spectra;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.model.Tensor;
import org.lmcx.nn.Batches;
import org.lmcx.nn.Metrics;
import org.lmcx.nn.Network;
import org.lmcx.nn.ParamVector;
import org.lmcx.task.Foreground;
import org.lmcx.task.Monitor;
import org.lmcx.task.TaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The slider's live readout: loss and accuracy of θ(λ) = (1−λ)θa + λπ(θb) on a small preview subset, plus the
 * singular values of one layer of θ(λ). One network with both parameter vectors stays loaded on the compute
 * thread, so a request costs one in-place interpolation and one forward pass.
 *
 * <p>Requests go through a single slot where the latest one wins: a drag fires dozens of requests, the
 * drain loop takes whatever is newest when it is free, and requests superseded in between are never
 * evaluated. Latency is measured from the request to the moment the readout is handed to the UI thread's
 * handler (i.e. shown).
 *
 * <p>Headless (the GUI's slider and {@code lmcx bench --only slider} drive the same class). While it computes,
 * it holds a {@link Foreground}: background jobs that yield to it pause at their next cancellation check, so a
 * long job does not take the cores from the readout.
 */
public final class LambdaPreview {

    private static final Logger LOG = LoggerFactory.getLogger(LambdaPreview.class);

    /**
     * What the preview evaluates: A, π(B) and the preview subset (both supplied on the preview thread: building
     * π(B) copies every tensor and reading the data decodes files, neither belongs on the FX thread nor behind a
     * long job on the main compute thread) and the tensor whose spectrum is shown.
     */
    public record Config(Model a, java.util.function.Supplier<Model> pb, java.util.function.Supplier<Dataset> data,
                         String spectrumTensor) {
    }

    /** One answer: metrics at λ and how long the request took to be answered; {@code config} produced it. */
    public record Readout(double lambda, double loss, double accuracy, int examples, double computeMs,
                          double latencyMs, Config config) {
    }

    /** The merged model's singular values of {@code tensor} at {@code lambda}; {@code config} produced it. */
    public record MergedSpectrum(double lambda, String tensor, double[] values, Config config) {
    }

    private record Request(double lambda, long nanos) {
    }

    private final TaskService service;
    private final Foreground foreground;
    private final Executor ui;
    private final Consumer<Readout> readouts;
    private final Consumer<MergedSpectrum> spectra;
    private final AtomicReference<Request> pending = new AtomicReference<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile Config config;
    private volatile boolean spectrumWanted = true;

    // Compute-thread state: only the drain loop touches these.
    private Config built;
    private long builtNanos;
    private Model builtPb;
    private Network net;
    private ParamVector pa;
    private ParamVector pb;
    private Batches batches;

    // Latency statistics, written on the UI thread. The first readout after a (re)configuration builds the
    // network and may read the data set; it is reported as warm-up, not mixed into the slider statistics.
    private long count;
    private double sumMs;
    private double maxMs;
    private final double[] recent = new double[256];
    private double warmupMs = Double.NaN;

    /**
     * @param service    where readouts are computed (its own thread, not the main compute lane)
     * @param foreground held while a readout is computed; background jobs yielding to it pause (null: none)
     * @param ui         where readouts are handed over (the FX thread in the GUI)
     */
    public LambdaPreview(TaskService service, Foreground foreground, Executor ui, Consumer<Readout> readouts,
                         Consumer<MergedSpectrum> spectra) {
        this.service = service;
        this.foreground = foreground;
        this.ui = ui;
        this.readouts = readouts;
        this.spectra = spectra;
    }

    /** Sets what to evaluate; takes effect at the next request. Null disables the preview. */
    public void configure(Config c) {
        config = c;
    }

    public Config config() {
        return config;
    }

    public void setSpectrumWanted(boolean wanted) {
        spectrumWanted = wanted;
    }

    /** Asks for θ(λ); any thread. Superseded requests are dropped. */
    public void request(double lambda) {
        if (config == null) {
            return;
        }
        pending.set(new Request(lambda, System.nanoTime()));
        if (draining.compareAndSet(false, true)) {
            service.submit(String.format("preview λ=%.3f", lambda), this::drain);
        }
    }

    private Void drain(Monitor monitor) {
        if (foreground != null) {
            foreground.begin();
        }
        try {
            while (true) {
                Request r = pending.getAndSet(null);
                if (r == null) {
                    draining.set(false);
                    // A request may have slipped in between the empty read and the flag reset.
                    if (pending.get() != null && draining.compareAndSet(false, true)) {
                        continue;
                    }
                    return null;
                }
                evaluate(r);
            }
        } catch (RuntimeException e) {
            draining.set(false);
            LOG.warn("preview failed: {}", e.toString());
            throw e;
        } finally {
            if (foreground != null) {
                foreground.end(Foreground.DEFAULT_GRACE_MILLIS);
            }
        }
    }

    @SuppressWarnings("ReferenceEquality") // warm-up once per Config object (its suppliers have no value equality)
    private void evaluate(Request r) {
        Config c = config;
        if (c == null) {
            return;
        }
        // A request made while the network was being built waited for the build: warm-up too.
        boolean warmup = c != built || r.nanos() - builtNanos < 0;
        if (c != built) {
            if (net == null || !net.architecture().equals(c.a().architecture())) {
                net = Network.build(c.a().architecture());
            }
            builtPb = c.pb().get();
            pa = net.paramsOf(c.a());
            pb = net.paramsOf(builtPb);
            batches = net.batches(c.data().get(), 500);
            built = c;
            builtNanos = System.nanoTime();
        }
        long t0 = System.nanoTime();
        net.loadInterpolated(pa, pb, r.lambda());
        Metrics m = net.evaluate(batches);
        double computeMs = (System.nanoTime() - t0) / 1e6;
        boolean warmupFinal = warmup;
        ui.execute(() -> {
            double ms = (System.nanoTime() - r.nanos()) / 1e6;
            if (warmupFinal) {
                warmupMs = ms;
            } else {
                record(ms);
            }
            LOG.debug("readout λ={} in {} ms, {} ms of it computing", r.lambda(), ms, computeMs);
            readouts.accept(new Readout(r.lambda(), m.loss(), m.accuracy(), m.examples(), computeMs, ms, c));
        });
        // The spectrum is secondary: skip it when a newer λ is already waiting.
        if (spectrumWanted && c.spectrumTensor() != null && pending.get() == null) {
            Tensor ta = c.a().tensor(c.spectrumTensor());
            Tensor tb = builtPb.tensor(c.spectrumTensor());
            float[] da = ta.data();
            float[] db = tb.data();
            float[] mix = new float[da.length];
            float l = (float) r.lambda();
            for (int i = 0; i < mix.length; i++) {
                mix[i] = (1 - l) * da[i] + l * db[i];
            }
            double[] sv = Spectra.singularValues(new Tensor(ta.shape(), mix));
            ui.execute(() -> spectra.accept(new MergedSpectrum(r.lambda(), c.spectrumTensor(), sv, c)));
        }
    }

    private void record(double ms) {
        recent[(int) (count % recent.length)] = ms;
        count++;
        sumMs += ms;
        maxMs = Math.max(maxMs, ms);
        if (count % 20 == 0) {
            double[] st = latencyStats();
            LOG.info("slider preview latency over {} readouts: median {} ms, p95 {} ms, mean {} ms, max {} ms",
                    count, String.format("%.1f", st[3]), String.format("%.1f", st[5]),
                    String.format("%.1f", sumMs / count), String.format("%.1f", maxMs));
        }
    }

    /**
     * Request → readout shown, warm-ups excluded: {count, mean ms, max ms, median of the last 256 ms,
     * last warm-up ms}; UI thread.
     */
    public double[] latencyStats() {
        int n = (int) Math.min(count, recent.length);
        double[] r = java.util.Arrays.copyOf(recent, n);
        java.util.Arrays.sort(r);
        double median = n == 0 ? Double.NaN : r[n / 2];
        double p95 = n == 0 ? Double.NaN : r[Math.min(n - 1, (int) Math.ceil(0.95 * n) - 1)];
        return new double[]{count, count == 0 ? 0 : sumMs / count, maxMs, median, warmupMs, p95};
    }
}
