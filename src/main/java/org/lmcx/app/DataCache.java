package org.lmcx.app;

import org.lmcx.io.CheckpointLoader;
import org.lmcx.io.DatasetLoader;
import org.lmcx.model.Dataset;
import org.lmcx.runner.DataContext;
import org.lmcx.session.DataRef;
import org.lmcx.session.ModelRef;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compute side's caches, touched only from jobs (never from the FX thread): the data of each
 * {@link DataRef} and the slider's preview subsets, so a second run or a landscape does not decode the
 * files again.
 */
final class DataCache {

    /** A loaded model with its ref (file and content hash, computed in the same job). */
    record Loaded(org.lmcx.model.Model model, ModelRef ref) {
    }

    private record PreviewKey(Path dir, int size) {
    }

    private final Map<DataRef, DataContext> data = new ConcurrentHashMap<>();
    private final Map<PreviewKey, Dataset> previews = new ConcurrentHashMap<>();

    Loaded loadModel(Path file) {
        org.lmcx.model.Model m = CheckpointLoader.load(file, null);
        return new Loaded(m, ModelRef.of(file, m));
    }

    DataContext data(DataRef ref) {
        if (ref == null || ref.dir() == null) {
            throw new IllegalArgumentException("no dataset folder chosen (Data panel)");
        }
        return data.computeIfAbsent(ref, DataContext::load);
    }

    /** The first {@code size} test examples of a dataset folder (the slider's readout subset). */
    Dataset preview(String dir, int size) {
        if (dir == null) {
            throw new IllegalArgumentException("the run has no dataset folder");
        }
        Path d = Path.of(dir);
        return previews.computeIfAbsent(new PreviewKey(d, size), k -> DatasetLoader.load(d, DatasetLoader.Split.TEST,
                null, DatasetLoader.Subset.first(size)));
    }
}
