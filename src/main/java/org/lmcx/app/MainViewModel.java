package org.lmcx.app;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.lmcx.analysis.Alignment;
import org.lmcx.analysis.Interpolation;
import org.lmcx.analysis.Landscape;
import org.lmcx.analysis.PairAnalysis;
import org.lmcx.analysis.Spectra;
import org.lmcx.analysis.ThreeModels;
import org.lmcx.match.MatchContext;
import org.lmcx.match.Matchers;
import org.lmcx.model.Model;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;
import org.lmcx.render.AlignmentMaps;
import org.lmcx.render.LandscapeGrid;
import org.lmcx.render.SessionData;
import org.lmcx.render.SpectrumSet;
import org.lmcx.task.TaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The main window's state: model slots, data settings, methods, jobs, results, the λ slider with its live
 * readout, and the per-view selections. Every computation is a job on the task service; results come back
 * as plain records and are only stored and published here.
 */
public final class MainViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(MainViewModel.class);

    /** A finished method run with what the views need beyond the session record. */
    record RunResult(SessionData.RunData data, Model pb, List<SpectrumSet> spectra, List<AlignmentMaps> alignment) {
    }

    /** A finished three-model run with π(B) and π(C) (null until rebuilt after a session reopens). */
    record ThreeResult(SessionData.ThreeModelRun data, Model pb, Model pc) {
    }

    /** The two planes the Landscape view offers. */
    public enum LandscapePlane {
        /** git-re-basin's figure: A at (0,0), B at (1,0), π(B) above; needs a matching method's run. */
        REBASIN("A, B, π(B) (git re-basin)"),
        /** Through A, π(B), π(C) at (0,0), (1,0), (0,1); needs model C and its three-model run. */
        THREE_MODELS("A, π(B), π(C) (three models)");

        private final String title;

        LandscapePlane(String title) {
            this.title = title;
        }

        @Override
        public String toString() {
            return title;
        }
    }

    private final FxTaskAdapter tasks;
    private final LambdaPreview preview;
    private final Workspace workspace = new Workspace();

    private final ModelSlot a = new ModelSlot("A");
    private final ModelSlot b = new ModelSlot("B");
    private final ModelSlot c = new ModelSlot("C");
    private final StringProperty mismatch = new SimpleStringProperty();

    private final StringProperty dataDir = new SimpleStringProperty();
    private final IntegerProperty trainSize = new SimpleIntegerProperty(2000);
    private final IntegerProperty testSize = new SimpleIntegerProperty(2000);
    private final IntegerProperty previewSize = new SimpleIntegerProperty(500);
    private final LongProperty seed = new SimpleLongProperty(0);
    private final IntegerProperty lambdaPoints = new SimpleIntegerProperty(25);
    private final BooleanProperty resetBn = new SimpleBooleanProperty(false);
    private final BooleanProperty bnAvailable = new SimpleBooleanProperty(false);
    private final ObservableList<MethodConfig> methods = FXCollections.observableArrayList();

    private final ObservableList<SessionData.RunData> runs = FXCollections.observableArrayList();
    private final Map<String, RunResult> cache = new HashMap<>();
    private final Map<String, RunResult> byMethod = new LinkedHashMap<>();
    private final StringProperty previewMethod = new SimpleStringProperty();
    private final ObservableList<SessionData.ThreeModelRun> threeRuns = FXCollections.observableArrayList();
    private final Map<String, ThreeResult> threeCache = new HashMap<>();
    private final Map<String, ThreeResult> threeByMethod = new LinkedHashMap<>();

    private final DoubleProperty lambda = new SimpleDoubleProperty(0.5);
    private final StringProperty readout = new SimpleStringProperty("run a method to enable the live readout");
    private final DoubleProperty readoutLoss = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty readoutAccuracy = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty latencyMs = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty computeMs = new SimpleDoubleProperty(Double.NaN);

    private final ObservableList<String> spectrumLayers = FXCollections.observableArrayList();
    private final StringProperty spectrumLayer = new SimpleStringProperty();
    private final ObjectProperty<SpectrumSet> spectrum = new SimpleObjectProperty<>();
    private LambdaPreview.MergedSpectrum merged;

    private final ObservableList<AlignmentMaps> alignment = FXCollections.observableArrayList();
    private final ObjectProperty<LandscapeGrid> landscape = new SimpleObjectProperty<>();
    private final ObjectProperty<LandscapeGrid> threeLandscape = new SimpleObjectProperty<>();
    private final ObjectProperty<LandscapePlane> landscapePlane = new SimpleObjectProperty<>(LandscapePlane.REBASIN);
    private final IntegerProperty landscapeGrid = new SimpleIntegerProperty(21);
    private final BooleanProperty landscapeRunning = new SimpleBooleanProperty();

    private final StringProperty backend = new SimpleStringProperty("ND4J: starting…");
    private final StringProperty memory = new SimpleStringProperty("");
    private final StringProperty lastError = new SimpleStringProperty();
    private Consumer<String> errorSink = m -> { };

    public MainViewModel(FxTaskAdapter tasks, TaskService previewService) {
        this.tasks = tasks;
        this.preview = new LambdaPreview(previewService, tasks.ui(), this::showReadout, this::showMerged);
        for (String m : Matchers.names()) {
            methods.add(new MethodConfig(m, m.equals("identity") || m.equals("wm")));
        }
        a.modelProperty().addListener((o, x, y) -> {
            bnAvailable.set(y != null && y.architecture().hasBatchNorm());
            checkArchitectures();
            rebuildPermuted();
        });
        b.modelProperty().addListener((o, x, y) -> {
            checkArchitectures();
            rebuildPermuted();
        });
        c.modelProperty().addListener((o, x, y) -> {
            checkArchitectures();
            rebuildPermuted();
        });
        lambda.addListener((o, x, y) -> preview.request(y.doubleValue()));
        previewMethod.addListener((o, x, y) -> configurePreview());
        spectrumLayer.addListener((o, x, y) -> {
            merged = null;
            configurePreview();
            refreshSpectrum();
        });
    }

    // ---- accessors -------------------------------------------------------------------------------------

    public FxTaskAdapter tasks() {
        return tasks;
    }

    public LambdaPreview preview() {
        return preview;
    }

    public ModelSlot slot(int i) {
        return i == 0 ? a : i == 1 ? b : c;
    }

    public List<ModelSlot> slots() {
        return List.of(a, b, c);
    }

    public StringProperty mismatchProperty() {
        return mismatch;
    }

    public StringProperty dataDirProperty() {
        return dataDir;
    }

    public IntegerProperty trainSizeProperty() {
        return trainSize;
    }

    public IntegerProperty testSizeProperty() {
        return testSize;
    }

    public IntegerProperty previewSizeProperty() {
        return previewSize;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public IntegerProperty lambdaPointsProperty() {
        return lambdaPoints;
    }

    /** Recompute BN statistics at each λ (and landscape point); only takes effect where A has BN layers. */
    public BooleanProperty resetBnProperty() {
        return resetBn;
    }

    /** Whether model A's architecture has batch norm (the BN-reset checkbox is enabled only then). */
    public BooleanProperty bnAvailableProperty() {
        return bnAvailable;
    }

    private boolean effectiveResetBn() {
        return resetBn.get() && bnAvailable.get();
    }

    /** Three-model runs (B and C matched to A), one per method, in run order. */
    public ObservableList<SessionData.ThreeModelRun> threeRuns() {
        return threeRuns;
    }

    /** The last plane through A, π(B), π(C). */
    public ObjectProperty<LandscapeGrid> threeLandscapeProperty() {
        return threeLandscape;
    }

    /** Which plane the Landscape view shows and computes. */
    public ObjectProperty<LandscapePlane> landscapePlaneProperty() {
        return landscapePlane;
    }

    public ObservableList<MethodConfig> methods() {
        return methods;
    }

    public ObservableList<SessionData.RunData> runs() {
        return runs;
    }

    public StringProperty previewMethodProperty() {
        return previewMethod;
    }

    public DoubleProperty lambdaProperty() {
        return lambda;
    }

    public StringProperty readoutProperty() {
        return readout;
    }

    public DoubleProperty readoutLossProperty() {
        return readoutLoss;
    }

    public DoubleProperty readoutAccuracyProperty() {
        return readoutAccuracy;
    }

    public DoubleProperty latencyMsProperty() {
        return latencyMs;
    }

    /** Time the compute thread spent on the last readout (interpolate + forward pass). */
    public DoubleProperty computeMsProperty() {
        return computeMs;
    }

    public ObservableList<String> spectrumLayers() {
        return spectrumLayers;
    }

    public StringProperty spectrumLayerProperty() {
        return spectrumLayer;
    }

    public ObjectProperty<SpectrumSet> spectrumProperty() {
        return spectrum;
    }

    public ObservableList<AlignmentMaps> alignment() {
        return alignment;
    }

    public ObjectProperty<LandscapeGrid> landscapeProperty() {
        return landscape;
    }

    public IntegerProperty landscapeGridProperty() {
        return landscapeGrid;
    }

    public BooleanProperty landscapeRunningProperty() {
        return landscapeRunning;
    }

    public StringProperty backendProperty() {
        return backend;
    }

    public StringProperty memoryProperty() {
        return memory;
    }

    public StringProperty lastErrorProperty() {
        return lastError;
    }

    /** Where user-facing errors go besides {@link #lastErrorProperty()} (the view shows a dialog). */
    public void setErrorSink(Consumer<String> sink) {
        errorSink = sink == null ? m -> { } : sink;
    }

    void error(String message) {
        LOG.warn(message);
        lastError.set(message);
        errorSink.accept(message);
    }

    // ---- models ----------------------------------------------------------------------------------------

    /** Opens a checkpoint into slot 0/1/2 on the task service; the slot keeps its old model if this fails. */
    public FxJob openModel(int slot, Path file) {
        ModelSlot s = slot(slot);
        s.loadingProperty().set(true);
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return tasks.submit("open " + name + " as " + s.name(), m -> workspace.loadModel(file),
                model -> {
                    s.loaded(file, model);
                    lastError.set(null);
                    // Reopening the file already in the slot gives an equal Model (tensors compare by content),
                    // so the model listener stays silent: rebuild π(B)/π(C) of a reopened session here too.
                    rebuildPermuted();
                },
                e -> {
                    s.failed(file, FxTaskAdapter.describe(e));
                    error("Could not open " + name + " as model " + s.name() + ": " + FxTaskAdapter.describe(e));
                    s.loadingProperty().set(false);
                    rebuildPermuted();
                },
                () -> s.loadingProperty().set(false));
    }

    public void clearSlot(int slot) {
        slot(slot).clear();
    }

    private void checkArchitectures() {
        String msg = null;
        Model ma = a.getModel();
        for (ModelSlot other : List.of(b, c)) {
            Model mo = other.getModel();
            if (ma != null && mo != null) {
                try {
                    ma.requireSameArchitecture(mo);
                } catch (RuntimeException e) {
                    msg = "A and " + other.name() + " do not match: " + e.getMessage();
                    break;
                }
            }
        }
        mismatch.set(msg);
        configurePreview();
    }

    // ---- running methods -------------------------------------------------------------------------------

    /** Starts one job per ticked method (match + interpolation + spectra + alignment), or reuses a cached result. */
    public List<FxJob> run() {
        List<FxJob> started = new ArrayList<>();
        Model ma = a.getModel();
        Model mb = b.getModel();
        if (ma == null || mb == null) {
            error("Open models A and B before running a method.");
            return started;
        }
        if (mismatch.get() != null) {
            error(mismatch.get());
            return started;
        }
        if (dataDir.get() == null || dataDir.get().isBlank()) {
            error("Choose a dataset folder in the Data panel before running.");
            return started;
        }
        Path dir = Path.of(dataDir.get());
        int tr = trainSize.get();
        int te = testSize.get();
        int pv = previewSize.get();
        long sd = seed.get();
        boolean bn = effectiveResetBn();
        Model mc = c.getModel();
        Interpolation.Options interp = new Interpolation.Options(
                Interpolation.grid(0, 1, Math.max(3, lambdaPoints.get())), bn, 500);
        for (MethodConfig mconf : methods) {
            if (!mconf.enabledProperty().get()) {
                continue;
            }
            Map<String, String> opts;
            try {
                opts = mconf.parsedOptions();
            } catch (IllegalArgumentException e) {
                error(e.getMessage());
                continue;
            }
            String method = mconf.name();
            String key = runKey(method, opts, interp.lambdas().length, bn);
            RunResult hit = cache.get(key);
            if (hit != null) {
                started.add(tasks.cached(method + ": " + fileName(a) + " vs " + fileName(b)));
                accept(hit);
            } else {
                started.add(tasks.submit(method + ": " + fileName(a) + " vs " + fileName(b), monitor -> {
                    Workspace.Data d = workspace.data(dir, tr, te, pv);
                    PairAnalysis.Result pr = PairAnalysis.run(ma, mb, d.train(), d.test(),
                            new PairAnalysis.Request(List.of(method), sd, opts, interp), monitor.sub(0, 0.85));
                    PairAnalysis.MethodRun run = pr.runs().get(0);
                    Model pb = run.match().spec().apply(mb, run.match().permutation(),
                            method + "(" + mb.source() + ")");
                    Spectra.Result sp = Spectra.compare(ma, mb, run.match().permutation(), monitor.sub(0.85, 0.92));
                    Alignment.Result al = Alignment.run(ma, mb, run.match().permutation(), Alignment.DEFAULT_K,
                            monitor.sub(0.92, 1));
                    return new RunResult(SessionData.RunData.of(run, opts), pb, SpectrumSet.of(sp),
                            AlignmentMaps.of(al, method));
                }, r -> {
                    cache.put(key, r);
                    accept(r);
                }, e -> error(method + " failed: " + FxTaskAdapter.describe(e))));
            }
            if (mc != null) {
                started.add(runThree(method, opts, ma, mb, mc, dir, tr, te, pv, sd, interp, key));
            }
        }
        return started;
    }

    /** B and C both matched to A with {@code method}, and the barriers of the three pairs (ThreeModels). */
    private FxJob runThree(String method, Map<String, String> opts, Model ma, Model mb, Model mc, Path dir, int tr,
                           int te, int pv, long sd, Interpolation.Options interp, String pairKey) {
        String key = pairKey + "|C=" + c.pathProperty().get();
        String name = method + ": three models " + fileName(a) + ", " + fileName(b) + ", " + fileName(c);
        ThreeResult hit = threeCache.get(key);
        if (hit != null) {
            FxJob j = tasks.cached(name);
            publishThree(hit);
            return j;
        }
        return tasks.submit(name, monitor -> {
            Workspace.Data d = workspace.data(dir, tr, te, pv);
            ThreeModels.Result r = ThreeModels.run(ma, mb, mc, Matchers.get(method),
                    new MatchContext(sd, d.train(), null, opts), d.train(), d.test(), interp, false, monitor);
            Model pb = r.matchB().spec().apply(mb, r.matchB().permutation(), "π(" + mb.source() + ")");
            Model pc = r.matchC().spec().apply(mc, r.matchC().permutation(), "π(" + mc.source() + ")");
            return new ThreeResult(SessionData.ThreeModelRun.of(r, opts), pb, pc);
        }, r -> {
            threeCache.put(key, r);
            publishThree(r);
        }, e -> error(method + " (three models) failed: " + FxTaskAdapter.describe(e)));
    }

    private void publishThree(ThreeResult r) {
        String method = r.data().method();
        threeByMethod.put(method, r);
        for (int i = 0; i < threeRuns.size(); i++) {
            if (threeRuns.get(i).method().equals(method)) {
                threeRuns.set(i, r.data());
                return;
            }
        }
        threeRuns.add(r.data());
    }

    private String runKey(String method, Map<String, String> opts, int points, boolean bn) {
        return String.join("|", String.valueOf(a.pathProperty().get()), String.valueOf(b.pathProperty().get()),
                String.valueOf(dataDir.get()), Integer.toString(trainSize.get()), Integer.toString(testSize.get()),
                Long.toString(seed.get()), Integer.toString(points), "bn=" + bn, method,
                new java.util.TreeMap<>(opts).toString());
    }

    private static String fileName(ModelSlot s) {
        Path p = s.pathProperty().get();
        return p == null || p.getFileName() == null ? s.name() : p.getFileName().toString();
    }

    /** Publishes a finished run: replaces the method's earlier run, updates spectra/alignment, the preview. */
    private void accept(RunResult r) {
        long t0 = System.nanoTime();
        publish(r);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (ms > 16) {
            LOG.info("publishing the {} run took {} ms on the FX thread", r.data().method(), String.format("%.1f", ms));
        }
    }

    private void publish(RunResult r) {
        String method = r.data().method();
        byMethod.put(method, r);
        int at = -1;
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).method().equals(method)) {
                at = i;
            }
        }
        if (at >= 0) {
            runs.set(at, r.data());
        } else {
            runs.add(r.data());
        }
        alignment.removeIf(m -> m.method().equals(method));
        alignment.addAll(r.alignment());
        if (spectrumLayers.isEmpty()) {
            r.spectra().forEach(s -> spectrumLayers.add(s.layer()));
        }
        if (spectrumLayer.get() == null && !spectrumLayers.isEmpty()) {
            spectrumLayer.set(spectrumLayers.get(0));
        }
        // Prefer showing a real matching over the identity baseline once one exists.
        if (previewMethod.get() == null || ("identity".equals(previewMethod.get()) && !"identity".equals(method))) {
            previewMethod.set(method);
        } else if (method.equals(previewMethod.get())) {
            configurePreview();
        }
        refreshSpectrum();
    }

    // ---- slider preview --------------------------------------------------------------------------------

    private void configurePreview() {
        RunResult r = previewMethod.get() == null ? null : byMethod.get(previewMethod.get());
        Model ma = a.getModel();
        if (r == null || ma == null || r.pb() == null || mismatch.get() != null || dataDir.get() == null) {
            preview.configure(null);
            return;
        }
        Path dir = Path.of(dataDir.get());
        int tr = trainSize.get();
        int te = testSize.get();
        int pv = previewSize.get();
        Model pb = r.pb();
        String layer = spectrumLayer.get();
        preview.configure(new LambdaPreview.Config(ma, pb, () -> workspace.data(dir, tr, te, pv).preview(), layer));
        preview.request(lambda.get());
    }

    private void showReadout(LambdaPreview.Readout r) {
        readoutLoss.set(r.loss());
        readoutAccuracy.set(r.accuracy());
        computeMs.set(r.computeMs());
        latencyMs.set(r.latencyMs());
        readout.set(String.format(Locale.ROOT, "θ(λ=%.3f) on %d test images: loss %.4f, accuracy %.2f %%  (%.0f ms)",
                r.lambda(), r.examples(), r.loss(), 100 * r.accuracy(), r.latencyMs()));
    }

    private void showMerged(LambdaPreview.MergedSpectrum m) {
        merged = m;
        refreshSpectrum();
    }

    private void refreshSpectrum() {
        String layer = spectrumLayer.get();
        RunResult r = previewMethod.get() == null ? null : byMethod.get(previewMethod.get());
        if (layer == null || r == null) {
            spectrum.set(null);
            return;
        }
        for (SpectrumSet s : r.spectra()) {
            if (s.layer().equals(layer)) {
                List<SpectrumSet.Series> series = new ArrayList<>(s.series());
                if (merged != null && merged.tensor().equals(layer)) {
                    series.add(new SpectrumSet.Series(String.format(Locale.ROOT, "merged %s λ=%.2f",
                            previewMethod.get(), merged.lambda()), merged.values()));
                }
                spectrum.set(new SpectrumSet(layer, series));
                return;
            }
        }
        spectrum.set(null);
    }

    // ---- landscape -------------------------------------------------------------------------------------

    /**
     * The chosen plane ({@link #landscapePlaneProperty()}) for the path under the slider, filled coarse-to-fine:
     * git-re-basin's A, B, π(B), or A, π(B), π(C) from the method's three-model run.
     */
    public FxJob computeLandscape() {
        String method = previewMethod.get();
        Model ma = a.getModel();
        Model mb = b.getModel();
        if (dataDir.get() == null || dataDir.get().isBlank()) {
            error("Choose a dataset folder in the Data panel before computing a landscape.");
            return null;
        }
        boolean three = landscapePlane.get() == LandscapePlane.THREE_MODELS;
        Model pb;
        Model pc = null;
        List<String> names;
        if (three) {
            ThreeResult t = method == null ? null : threeByMethod.get(method);
            if (t == null || t.pb() == null || t.pc() == null || ma == null) {
                error("The plane through A, π(B), π(C) needs model C: open it, then Run (B and C are matched to A"
                        + " with each ticked method); the plane uses the method chosen under the slider.");
                return null;
            }
            pb = t.pb();
            pc = t.pc();
            names = List.of("A", "π(B) " + method, "π(C) " + method);
        } else {
            RunResult r = method == null ? null : byMethod.get(method);
            if (r == null || ma == null || mb == null || r.pb() == null) {
                error("Run a matching method first: the landscape is drawn through A, B and π(B).");
                return null;
            }
            if ("identity".equals(r.data().method())) {
                error("The identity run has π(B) = B, so A, B, π(B) span no plane; pick a matching method.");
                return null;
            }
            pb = r.pb();
            names = List.of("A", "B", "π(B) " + method);
        }
        Path dir = Path.of(dataDir.get());
        int tr = trainSize.get();
        int te = testSize.get();
        int pv = previewSize.get();
        int n = landscapeGrid.get();
        boolean bn = effectiveResetBn();
        Model pcm = pc;
        ObjectProperty<LandscapeGrid> target = three ? threeLandscape : landscape;
        landscapeRunning.set(true);
        return tasks.submit("landscape " + n + "×" + n + " (" + (three ? "A, π(B), π(C) " : "") + method + ")", m -> {
            Workspace.Data d = workspace.data(dir, tr, te, pv);
            Landscape.Options o = new Landscape.Options(n, -0.5, 1.5, 500, bn);
            java.util.function.Consumer<Landscape.Result> partial = p -> {
                LandscapeGrid g = LandscapeGrid.of(p, names);
                tasks.ui().execute(() -> target.set(g));
            };
            Landscape.Result res = three
                    ? Landscape.threeModels(ma, pb, pcm, d.test(), d.train(), o, partial, m)
                    : Landscape.rebasinPlane(ma, mb, pb, d.test(), d.train(), o, partial, m);
            return LandscapeGrid.of(res, names);
        }, g -> {
            target.set(g);
            landscapeRunning.set(false);
        }, e -> {
            landscapeRunning.set(false);
            error("Landscape failed: " + FxTaskAdapter.describe(e));
        }, () -> landscapeRunning.set(false));
    }

    // ---- status ----------------------------------------------------------------------------------------

    /** Asks ND4J which backend it runs on (loading the native libraries takes seconds: off the FX thread). */
    public void probeBackend() {
        tasks.submit("ND4J backend", m -> org.lmcx.nn.BackendInfo.describe(), backend::set,
                e -> backend.set("ND4J unavailable: " + FxTaskAdapter.describe(e)));
    }

    /** Refreshes the memory readout and running jobs' elapsed time; called by the app's clock. */
    public void tick() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        memory.set(String.format(Locale.ROOT, "JVM heap %d / %d MiB", used >> 20, rt.maxMemory() >> 20));
        tasks.tick();
    }

    // ---- session ---------------------------------------------------------------------------------------

    public SessionData toSession() {
        List<String> paths = new ArrayList<>();
        for (ModelSlot s : slots()) {
            Path p = s.pathProperty().get();
            paths.add(p == null ? null : p.toAbsolutePath().toString());
        }
        List<SessionData.MethodSetting> ms = new ArrayList<>();
        for (MethodConfig m : methods) {
            Map<String, String> o;
            try {
                o = m.parsedOptions();
            } catch (IllegalArgumentException e) {
                o = Map.of();
            }
            ms.add(new SessionData.MethodSetting(m.name(), m.enabledProperty().get(), o));
        }
        List<SpectrumSet> sp = new ArrayList<>();
        RunResult r = previewMethod.get() == null ? null : byMethod.get(previewMethod.get());
        if (r != null) {
            sp.addAll(r.spectra());
        }
        return new SessionData(SessionData.CURRENT_VERSION, paths,
                new SessionData.DataSettings(dataDir.get(), trainSize.get(), testSize.get()), seed.get(), ms,
                new ArrayList<>(runs), landscape.get(), sp, new ArrayList<>(alignment), lambda.get(),
                new ArrayList<>(threeRuns), threeLandscape.get());
    }

    /**
     * Restores a saved session: settings and results at once; the models are reopened on the task service,
     * and each run's π(B) is rebuilt from its saved permutation (no matching again) once A and B are back.
     */
    public void applySession(SessionData s) {
        runs.clear();
        byMethod.clear();
        threeRuns.clear();
        threeByMethod.clear();
        alignment.clear();
        spectrumLayers.clear();
        spectrumLayer.set(null);
        previewMethod.set(null);
        if (s.data() != null) {
            dataDir.set(s.data().dir());
            trainSize.set(s.data().trainSize());
            testSize.set(s.data().testSize());
        }
        seed.set(s.seed());
        for (SessionData.MethodSetting m : s.methods()) {
            for (MethodConfig mc : methods) {
                if (mc.name().equals(m.name())) {
                    mc.enabledProperty().set(m.enabled());
                    mc.optionsProperty().set(MethodConfig.format(m.options()));
                }
            }
        }
        runs.setAll(s.runs());
        alignment.setAll(s.alignment());
        s.spectra().forEach(x -> spectrumLayers.add(x.layer()));
        landscape.set(s.landscape());
        threeLandscape.set(s.threeLandscape());
        if (s.landscape() == null && s.threeLandscape() != null) {
            landscapePlane.set(LandscapePlane.THREE_MODELS);
        }
        lambda.set(s.lambda());
        threeRuns.setAll(s.three());
        for (SessionData.ThreeModelRun t : s.three()) {
            threeByMethod.put(t.method(), new ThreeResult(t, null, null));
        }
        for (SessionData.RunData rd : s.runs()) {
            byMethod.put(rd.method(), new RunResult(rd, null, s.spectra(), List.of()));
        }
        if (!spectrumLayers.isEmpty()) {
            spectrumLayer.set(spectrumLayers.get(0));
        }
        for (int i = 0; i < 3 && i < s.models().size(); i++) {
            String p = s.models().get(i);
            if (p == null) {
                slot(i).clear();
            } else {
                openModel(i, Path.of(p));
            }
        }
        if (!s.runs().isEmpty()) {
            previewMethod.set(s.runs().get(s.runs().size() - 1).method());
        }
        refreshSpectrum();
    }

    /** After a session reopens: π(B) for each run from its saved permutation, so the slider works again. */
    private void rebuildPermuted() {
        Model mb = b.getModel();
        if (mb == null || a.getModel() == null) {
            return;
        }
        // While a session's models are still being (re)opened, B or C may be the previous file: wait for all.
        for (ModelSlot s : slots()) {
            if (s.loadingProperty().get()) {
                return;
            }
        }
        rebuildThree(mb, c.getModel());
        for (Map.Entry<String, RunResult> e : new ArrayList<>(byMethod.entrySet())) {
            RunResult r = e.getValue();
            if (r.pb() == null && r.data().permutation() != null) {
                try {
                    PermutationSpec spec = PermutationSpec.derive(mb.architecture());
                    Model pb = spec.apply(mb, new Permutation(r.data().permutation()), e.getKey() + "(" + mb.source()
                            + ")");
                    byMethod.put(e.getKey(), new RunResult(r.data(), pb, r.spectra(), r.alignment()));
                } catch (RuntimeException ex) {
                    error("Saved permutation of " + e.getKey() + " does not fit model B: " + ex.getMessage());
                }
            }
        }
        configurePreview();
    }

    /** π(B) and π(C) of reopened three-model runs, from their saved permutations, once B and C are back. */
    private void rebuildThree(Model mb, Model mc) {
        if (mc == null) {
            return;
        }
        for (Map.Entry<String, ThreeResult> e : new ArrayList<>(threeByMethod.entrySet())) {
            ThreeResult t = e.getValue();
            if (t.pc() == null && t.data().permutationB() != null && t.data().permutationC() != null) {
                try {
                    PermutationSpec spec = PermutationSpec.derive(mb.architecture());
                    Model pb = spec.apply(mb, new Permutation(t.data().permutationB()), "π(" + mb.source() + ")");
                    Model pc = spec.apply(mc, new Permutation(t.data().permutationC()), "π(" + mc.source() + ")");
                    threeByMethod.put(e.getKey(), new ThreeResult(t.data(), pb, pc));
                } catch (RuntimeException ex) {
                    error("Saved permutations of the " + e.getKey() + " three-model run do not fit models B and C: "
                            + ex.getMessage());
                }
            }
        }
    }
}
