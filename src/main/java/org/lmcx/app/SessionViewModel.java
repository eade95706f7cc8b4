package org.lmcx.app;

import org.lmcx.model.Model;
import org.lmcx.session.DataRef;
import org.lmcx.session.LandscapeGrid;
import org.lmcx.session.ModelRef;
import org.lmcx.session.Run;
import org.lmcx.session.SessionData;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sessions: the window's state as {@link SessionData} (version 2: every run with its own key) and back. */
public final class SessionViewModel {

    private final ModelsViewModel models;
    private final RunsViewModel runs;
    private final PreviewViewModel preview;
    private final LandscapeViewModel landscape;

    SessionViewModel(ModelsViewModel models, RunsViewModel runs, PreviewViewModel preview,
                     LandscapeViewModel landscape) {
        this.models = models;
        this.runs = runs;
        this.preview = preview;
        this.landscape = landscape;
    }

    /** The open model set's shown runs with their results (and computed planes), the inputs and the slider. */
    public SessionData toSession() {
        List<ModelRef> refs = new ArrayList<>();
        for (ModelSlot s : models.slots()) {
            Path p = s.pathProperty().get();
            Model m = s.getModel();
            refs.add(p == null ? null : m == null ? new ModelRef(p.toAbsolutePath().toString(), null, null)
                    : ModelRef.of(p, m));
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
        List<Run> out = new ArrayList<>();
        for (RunRow r : runs.shownPairs()) {
            out.add(withPlane(r.run().pair(), landscape.grids(LandscapeViewModel.Plane.REBASIN).get(r.run().id()),
                    false));
        }
        for (RunRow r : runs.shownThree()) {
            out.add(withPlane(r.run().three(), landscape.grids(LandscapeViewModel.Plane.THREE_MODELS)
                    .get(r.run().id()), true));
        }
        RunRow path = preview.pathProperty().get();
        String dir = models.dataDirProperty().get();
        DataRef data = dir == null || dir.isBlank() ? null
                : DataRef.first(Path.of(dir), models.trainSizeProperty().get(), models.testSizeProperty().get());
        return SessionData.of(refs, data, new SessionData.MethodSettings(ms, runs.seedProperty().get(),
                        runs.resetBnProperty().get(), models.lambdaPointsProperty().get()), out,
                new SessionData.UiState(preview.lambdaProperty().get(), out.stream().map(r -> r.key().id()).toList(),
                        path == null || path.run().pair() == null ? null : path.run().pair().key().id()));
    }

    /** The run with the plane the Landscape view computed for it, so the session keeps it with its run. */
    private static Run withPlane(Run r, LandscapeGrid g, boolean three) {
        if (g == null) {
            return r;
        }
        return new Run(r.key(), r.finished(), r.seconds(), r.match(), r.curve(), r.spectra(), r.alignment(),
                r.hiddenAlignment(), r.three(), r.taylor(), three ? r.landscape() : g.toResult(),
                three ? g.toResult() : r.threeLandscape(), r.failure());
    }

    /**
     * Restores a saved session: settings and results at once; the models are reopened on the I/O lane, and
     * each run's π(B) is rebuilt from its saved permutation on a worker thread when the slider first needs it.
     */
    public void applySession(SessionData s) {
        runs.clear();
        landscape.clear();
        if (s.data() != null) {
            models.dataDirProperty().set(s.data().dir());
            models.trainSizeProperty().set(s.data().trainSize());
            models.testSizeProperty().set(s.data().testSize());
        }
        runs.seedProperty().set(s.methods().seed());
        runs.resetBnProperty().set(s.methods().bnReset());
        if (s.methods().lambdaPoints() >= 2) {
            models.lambdaPointsProperty().set(s.methods().lambdaPoints());
        }
        for (SessionData.MethodSetting m : s.methods().methods()) {
            for (MethodConfig mc : runs.methods()) {
                if (mc.name().equals(m.name())) {
                    mc.enabledProperty().set(m.enabled());
                    mc.optionsProperty().set(MethodConfig.format(m.options()));
                }
            }
        }
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ModelRef m = i < s.models().size() ? s.models().get(i) : null;
            paths.add(m == null || m.file() == null ? null : Path.of(m.file()));
        }
        OpenModels ids = new OpenModels(null, paths.get(0), null, paths.get(1), null, paths.get(2));
        String names = OpenModels.fileName(paths.get(0), "A") + " vs " + OpenModels.fileName(paths.get(1), "B");
        String dataText = s.data() == null ? "" : s.data().dir() + " (train " + s.data().trainSize() + ", test "
                + s.data().testSize() + ")";
        for (Run r : s.runs()) {
            if (!r.ok()) {
                continue;
            }
            boolean three = r.three() != null;
            if (three && paths.get(2) == null) {
                continue;
            }
            String setNames = three ? names + ", " + OpenModels.fileName(paths.get(2), "C") : names;
            RunEntry.Key key = new RunEntry.Key(three ? ids.tripleId() : ids.pairId(), setNames, r.key().method(),
                    r.key().options(), r.key().seed(), r.key().bnReset(), dataText, r.key().lambdas().size(), three);
            RunEntry e = three
                    ? new RunEntry(UUID.randomUUID().toString(), key, Instant.now(), null, List.of(), List.of(), r)
                    : new RunEntry(UUID.randomUUID().toString(), key, Instant.now(), r, r.spectrumSets(),
                    r.alignmentMaps(), null);
            runs.add(e, true);
            runs.remember(r);
            if (!three && r.landscapeGrid() != null) {
                landscape.put(e.id(), LandscapeViewModel.Plane.REBASIN, r.landscapeGrid());
            }
            if (three && r.threeLandscapeGrid() != null) {
                landscape.put(e.id(), LandscapeViewModel.Plane.THREE_MODELS, r.threeLandscapeGrid());
            }
        }
        boolean anyPlane = s.runs().stream().anyMatch(r -> r.landscape() != null);
        boolean anyThreePlane = s.runs().stream().anyMatch(r -> r.threeLandscape() != null);
        if (!anyPlane && anyThreePlane) {
            landscape.planeProperty().set(LandscapeViewModel.Plane.THREE_MODELS);
        }
        preview.lambdaProperty().set(s.ui().lambda());
        for (int i = 0; i < 3; i++) {
            if (paths.get(i) == null) {
                models.clearSlot(i);
            } else {
                models.openModel(i, paths.get(i));
            }
        }
    }
}
