package org.lmcx.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A session or workspace file (version {@value #CURRENT_VERSION}): the models, the data and method settings
 * for the next run, every run with its own key (seed, options, BN setting per run; there is no global seed),
 * and the UI state the GUI passes in. Results are plain numbers, so a session reopens without recomputing and
 * {@code lmcx export} draws its charts without loading a model. Written and read by {@link SessionJson};
 * version-1 files are migrated on reading ({@link SessionV1}).
 *
 * @param version  file format version
 * @param models   model slots A, B, C as refs (file + content hash; null where a slot is empty)
 * @param data     the Data panel's settings
 * @param methods  the Methods panel's settings for the next run
 * @param runs     every run of the workspace, in the order they were made
 * @param ui       slider position and run selection
 */
public record SessionData(int version, List<ModelRef> models, DataRef data, MethodSettings methods, List<Run> runs,
                          UiState ui) {

    public static final int CURRENT_VERSION = 2;

    public SessionData {
        models = models == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(models));
        methods = methods == null ? MethodSettings.EMPTY : methods;
        runs = runs == null ? List.of() : List.copyOf(runs);
        ui = ui == null ? UiState.DEFAULT : ui;
    }

    /** A current-version session. */
    public static SessionData of(List<ModelRef> models, DataRef data, MethodSettings methods, List<Run> runs,
                                 UiState ui) {
        return new SessionData(CURRENT_VERSION, models, data, methods, runs, ui);
    }

    /** A method as offered in the Methods panel: whether it is ticked and its option text as given. */
    public record MethodSetting(String name, boolean enabled, Map<String, String> options) {
        public MethodSetting {
            options = options == null ? Map.of() : Map.copyOf(options);
        }
    }

    /**
     * The Methods panel: methods with their options, and the seed, BN reset and λ points the next run uses.
     */
    public record MethodSettings(List<MethodSetting> methods, long seed, boolean bnReset, int lambdaPoints) {
        public static final MethodSettings EMPTY = new MethodSettings(List.of(), 0, false, 25);

        public MethodSettings {
            methods = methods == null ? List.of() : List.copyOf(methods);
        }
    }

    /**
     * What the GUI shows: the slider's λ, the runs ticked for overlay and the run under the slider, by
     * {@link RunKey#id()}.
     */
    public record UiState(double lambda, List<String> selectedRuns, String previewRun) {
        public static final UiState DEFAULT = new UiState(0.5, List.of(), null);

        public UiState {
            selectedRuns = selectedRuns == null ? List.of() : List.copyOf(selectedRuns);
        }
    }

    /** The runs of one model set, in run order. */
    public List<Run> runsOf(String modelSetId) {
        return runs.stream().filter(r -> r.key().modelSetId().equals(modelSetId)).toList();
    }

    /**
     * The same session with hash-less refs (from a migrated version-1 file) replaced by the refs of the models
     * now loaded from the same files, in the slots and in every run key, so migrated runs belong to the model
     * set that is open.
     */
    public SessionData withModelRefs(List<ModelRef> loaded) {
        List<ModelRef> ms = new ArrayList<>();
        for (ModelRef m : models) {
            ModelRef r = m;
            if (m != null && m.sha256() == null) {
                for (ModelRef l : loaded) {
                    if (l != null && l.file() != null && l.file().equals(m.file())) {
                        r = l;
                    }
                }
            }
            ms.add(r);
        }
        return new SessionData(version, ms, data, methods, runs.stream().map(r -> r.withModelRefs(loaded)).toList(),
                ui);
    }
}
