package org.lmcx.app;

import org.lmcx.render.AlignmentMaps;
import org.lmcx.render.LandscapeGrid;
import org.lmcx.render.SessionData;
import org.lmcx.render.SpectrumSet;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sessions: the window's state as {@link SessionData} and back. */
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

    /** The open model set's runs with their results, the inputs and the slider. */
    public SessionData toSession() {
        List<String> paths = new ArrayList<>();
        for (ModelSlot s : models.slots()) {
            Path p = s.pathProperty().get();
            paths.add(p == null ? null : p.toAbsolutePath().toString());
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
        List<SessionData.RunData> pairs = new ArrayList<>();
        List<AlignmentMaps> alignment = new ArrayList<>();
        List<SessionData.ThreeModelRun> three = new ArrayList<>();
        for (RunRow r : runs.shownPairs()) {
            pairs.add(r.run().pair());
            alignment.addAll(r.run().alignment());
        }
        for (RunRow r : runs.shownThree()) {
            three.add(r.run().three());
        }
        RunRow path = preview.pathProperty().get();
        List<SpectrumSet> spectra = path == null ? List.of() : path.run().spectra();
        LandscapeGrid plane = path == null ? null
                : landscape.grids(LandscapeViewModel.Plane.REBASIN).get(path.run().id());
        LandscapeGrid threePlane = null;
        for (RunRow r : runs.shownThree()) {
            LandscapeGrid g = landscape.grids(LandscapeViewModel.Plane.THREE_MODELS).get(r.run().id());
            threePlane = g == null ? threePlane : g;
        }
        return new SessionData(SessionData.CURRENT_VERSION, paths,
                new SessionData.DataSettings(models.dataDirProperty().get(), models.trainSizeProperty().get(),
                        models.testSizeProperty().get()), runs.seedProperty().get(), ms, pairs, plane, spectra,
                alignment, preview.lambdaProperty().get(), three, threePlane);
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
        runs.seedProperty().set(s.seed());
        for (SessionData.MethodSetting m : s.methods()) {
            for (MethodConfig mc : runs.methods()) {
                if (mc.name().equals(m.name())) {
                    mc.enabledProperty().set(m.enabled());
                    mc.optionsProperty().set(MethodConfig.format(m.options()));
                }
            }
        }
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String p = i < s.models().size() ? s.models().get(i) : null;
            paths.add(p == null ? null : Path.of(p));
        }
        OpenModels ids = new OpenModels(null, paths.get(0), null, paths.get(1), null, paths.get(2));
        String names = OpenModels.fileName(paths.get(0), "A") + " vs " + OpenModels.fileName(paths.get(1), "B");
        String dataText = s.data() == null ? "" : s.data().dir() + " (train " + s.data().trainSize() + ", test "
                + s.data().testSize() + ")";
        for (SessionData.RunData rd : s.runs()) {
            int points = rd.curve() == null ? 0 : rd.curve().lambdas().length;
            boolean bn = rd.curve() != null && rd.curve().bnReset();
            RunEntry.Key key = new RunEntry.Key(ids.pairId(), names, rd.method(), rd.options(), s.seed(), bn,
                    dataText, points, false);
            List<AlignmentMaps> al = s.alignment().stream().filter(m -> m.method().equals(rd.method())).toList();
            RunEntry e = new RunEntry(UUID.randomUUID().toString(), key, Instant.now(), rd, s.spectra(), al, null);
            runs.add(e, true);
            if (s.landscape() != null && rd == s.runs().get(s.runs().size() - 1)) {
                landscape.put(e.id(), LandscapeViewModel.Plane.REBASIN, s.landscape());
            }
        }
        if (paths.get(2) != null) {
            String three = names + ", " + OpenModels.fileName(paths.get(2), "C");
            for (SessionData.ThreeModelRun t : s.three()) {
                RunEntry.Key key = new RunEntry.Key(ids.tripleId(), three, t.method(), t.options(), s.seed(), false,
                        dataText, 0, true);
                RunEntry e = new RunEntry(UUID.randomUUID().toString(), key, Instant.now(), null, List.of(),
                        List.of(), t);
                runs.add(e, true);
                if (s.threeLandscape() != null && t == s.three().get(s.three().size() - 1)) {
                    landscape.put(e.id(), LandscapeViewModel.Plane.THREE_MODELS, s.threeLandscape());
                }
            }
        }
        if (s.landscape() == null && s.threeLandscape() != null) {
            landscape.planeProperty().set(LandscapeViewModel.Plane.THREE_MODELS);
        }
        preview.lambdaProperty().set(s.lambda());
        for (int i = 0; i < 3; i++) {
            if (paths.get(i) == null) {
                models.clearSlot(i);
            } else {
                models.openModel(i, paths.get(i));
            }
        }
    }
}
