package org.lmcx.app;


import org.lmcx.session.DataRef;
import org.lmcx.session.ModelRef;
import org.lmcx.session.Run;
import org.lmcx.session.SessionData;
import org.lmcx.session.SessionJson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sessions and the workspace: the window's state as {@link SessionData} and back, and the workspace file
 * that keeps it between launches (written atomically on the I/O lane whenever the runs change, and on exit).
 */
public final class SessionViewModel {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SessionViewModel.class);

    private final FxTaskAdapter tasks;
    private final ModelsViewModel models;
    private final RunsViewModel runs;
    private final PreviewViewModel preview;

    private Path workspace;
    private boolean restoring;
    private SessionData pendingMigration;
    private String pendingPath;

    SessionViewModel(FxTaskAdapter tasks, ModelsViewModel models, RunsViewModel runs, PreviewViewModel preview) {
        this.tasks = tasks;
        this.models = models;
        this.runs = runs;
        this.preview = preview;
        runs.all().addListener((javafx.collections.ListChangeListener<RunRow>) c -> autosave());
        models.openProperty().addListener((o, x, y) -> onOpen(y));
    }

    /** Keeps the workspace in {@code file} from now on (null: nowhere, as in most tests). */
    public void persistTo(Path file) {
        workspace = file;
    }

    public Path workspaceFile() {
        return workspace;
    }

    private void autosave() {
        if (workspace != null && !restoring) {
            // A failed autosave is logged, not a dialog per run; the save on exit reports again.
            SessionData s = toSession();
            Path target = workspace;
            tasks.submitQuiet("save workspace", m -> {
                SessionJson.write(s, target);
                return target;
            }, p -> { }, e -> LOG.warn("could not save the workspace to {}: {}", target, FxTaskAdapter.describe(e)));
        }
    }

    /** Snapshot on the FX thread (plain records, milliseconds), written atomically on the I/O lane. */
    public FxJob saveTo(Path target, String jobName, java.util.function.Consumer<Path> done,
                        java.util.function.Consumer<Throwable> failed) {
        SessionData s = toSession();
        return tasks.submitIo(jobName, m -> {
            SessionJson.write(s, target);
            return target;
        }, done, failed, null);
    }

    /** Writes the workspace now and waits (on exit: the I/O lane is about to close). */
    public void saveWorkspaceNow() throws java.io.IOException {
        if (workspace != null) {
            SessionJson.write(toSession(), workspace);
        }
    }

    /**
     * Reopens the workspace file on the I/O lane; {@code orElse} runs (FX thread) when there is none or it
     * cannot be read, e.g. to open the demo on the first launch.
     */
    public void restoreWorkspace(Runnable orElse) {
        restoreWorkspace(true, orElse);
    }

    /**
     * As {@link #restoreWorkspace(Runnable)}; without {@code models} only the runs and settings come back (the
     * caller opens other models, e.g. from the command line), so the workspace's runs are never lost.
     */
    public void restoreWorkspace(boolean models, Runnable orElse) {
        Path file = workspace;
        if (file == null || !java.nio.file.Files.isRegularFile(file)) {
            orElse.run();
            return;
        }
        tasks.submitIo("open workspace", m -> SessionJson.read(file), s -> {
            restoring = true;
            try {
                apply(s, models);
            } finally {
                restoring = false;
            }
        }, e -> {
            LOG.warn("could not reopen the workspace {}: {}", file, FxTaskAdapter.describe(e));
            orElse.run();
        }, orElse);
    }

    /** File → New workspace: no models, no runs; the data settings stay. */
    public void newWorkspace() {
        restoring = true;
        try {
            runs.clear();
            pendingMigration = null;
            pendingPath = null;
            for (int i = 0; i < 3; i++) {
                models.clearSlot(i);
            }
        } finally {
            restoring = false;
        }
        autosave();
    }

    /** Every run of the workspace with its own key, the panels' settings, the slider and which runs are ticked. */
    public SessionData toSession() {
        List<ModelRef> refs = new ArrayList<>();
        for (ModelSlot s : models.slots()) {
            refs.add(s.getModel() == null ? null : s.ref());
        }
        List<SessionData.MethodSetting> ms = new ArrayList<>();
        for (MethodConfig m : runs.methods()) {
            Map<String, String> o;
            try {
                o = m.parsedOptions();
            } catch (IllegalArgumentException e) {
                o = Map.of();
            }
            ms.add(new SessionData.MethodSetting(m.name(), m.enabledProperty().get(), o));
        }
        SessionData.MethodSettings settings = new SessionData.MethodSettings(ms, runs.seedProperty().get(),
                runs.resetBnProperty().get(), models.lambdaPointsProperty().get());
        List<Run> all = new ArrayList<>();
        List<String> ticked = new ArrayList<>();
        for (RunRow r : runs.all()) {
            all.add(r.run());
            if (r.isShown()) {
                ticked.add(r.run().key().id());
            }
        }
        RunRow path = preview.pathProperty().get();
        String dir = models.dataDirProperty().get();
        DataRef data = new DataRef(dir == null || dir.isBlank() ? null : dir, models.trainSizeProperty().get(),
                models.testSizeProperty().get(), DataRef.FIRST, null, List.of(), List.of());
        return SessionData.of(refs, data, settings, all, new SessionData.UiState(preview.lambdaProperty().get(),
                ticked, path == null ? null : path.run().key().id()));
    }

    /**
     * Opens a saved session: its settings, its models (reopened on the I/O lane) and its runs, each with its
     * own seed, options and BN setting, added to the workspace (a run with the same key is the same run); each
     * run's π(B) is rebuilt from its saved permutation on a worker thread when the slider first needs it.
     */
    public void applySession(SessionData s) {
        restoring = true;
        try {
            apply(s, true);
        } finally {
            restoring = false;
        }
        // Unlike the workspace's own restore, a session adds to the workspace: keep it.
        autosave();
    }

    private void apply(SessionData s, boolean openModels) {
        if (s.data() != null) {
            models.dataDirProperty().set(s.data().dir());
            models.trainSizeProperty().set(s.data().trainSize());
            models.testSizeProperty().set(s.data().testSize());
        }
        SessionData.MethodSettings m = s.methods();
        runs.seedProperty().set(m.seed());
        runs.resetBnProperty().set(m.bnReset());
        models.lambdaPointsProperty().set(m.lambdaPoints());
        for (SessionData.MethodSetting setting : m.methods()) {
            for (MethodConfig mc : runs.methods()) {
                if (mc.name().equals(setting.name())) {
                    mc.enabledProperty().set(setting.enabled());
                    mc.optionsProperty().set(MethodConfig.format(setting.options()));
                }
            }
        }
        boolean migrated = s.runs().stream().anyMatch(r -> r.key().a().sha256() == null || r.key().b().sha256() == null);
        pendingMigration = migrated ? s : null;
        // A version-1 file knows its models by file only: its runs join the store once those files are open
        // again and their hashes known (withModelRefs), so they belong to the right model set.
        if (!migrated) {
            runs.load(s.runs(), selected(s));
        }
        pendingPath = s.ui().previewRun();
        preview.lambdaProperty().set(s.ui().lambda());
        for (int i = 0; i < 3 && openModels; i++) {
            ModelRef r = i < s.models().size() ? s.models().get(i) : null;
            if (r == null || r.file() == null) {
                models.clearSlot(i);
            } else {
                models.openModel(i, Path.of(r.file()));
            }
        }
        choosePendingPath();
    }

    private static java.util.Set<String> selected(SessionData s) {
        // Files that name no selection (version 1, CLI sessions) show every run.
        return s.ui().selectedRuns().isEmpty() ? null : new java.util.HashSet<>(s.ui().selectedRuns());
    }

    /** Once the models of a migrated session are open: its runs, keyed by the models' hashes. */
    private void onOpen(OpenModels o) {
        if (o == null) {
            return;
        }
        if (pendingMigration != null) {
            SessionData s = pendingMigration;
            pendingMigration = null;
            List<ModelRef> loaded = new ArrayList<>();
            models.slots().forEach(slot -> loaded.add(slot.ref()));
            restoring = true;
            try {
                runs.load(s.withModelRefs(loaded).runs(), selected(s));
            } finally {
                restoring = false;
            }
        }
        choosePendingPath();
        // The models now open are part of the workspace too (a relaunch reopens them).
        autosave();
    }

    private void choosePendingPath() {
        if (pendingPath == null) {
            return;
        }
        for (RunRow r : preview.choices()) {
            if (r.run().key().id().equals(pendingPath)) {
                preview.pathProperty().set(r);
                pendingPath = null;
                return;
            }
        }
    }
}
