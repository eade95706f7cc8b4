package org.lmcx.app;

import org.lmcx.io.CheckpointLoader;
import org.lmcx.io.DatasetLoader;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compute side's caches, touched only from jobs (never from the FX thread): datasets by folder and
 * subset sizes, so a second run or a landscape does not decode the IDX files again.
 */
final class DataCache {

    /** The subsets one analysis uses; {@code preview} is the slider's small test subset. */
    record Data(Dataset train, Dataset test, Dataset preview) {
    }

    private record DataKey(Path dir, int train, int test, int preview) {
    }

    private final Map<DataKey, Data> data = new ConcurrentHashMap<>();

    Model loadModel(Path file) {
        return CheckpointLoader.load(file, null);
    }

    Data data(Path dir, int trainSize, int testSize, int previewSize) {
        if (dir == null) {
            throw new IllegalArgumentException("no dataset folder chosen (Data panel)");
        }
        DataKey key = new DataKey(dir.toAbsolutePath().normalize(), trainSize, testSize, previewSize);
        return data.computeIfAbsent(key, k -> {
            Dataset train = trainSize <= 0 ? null
                    : DatasetLoader.load(dir, DatasetLoader.Split.TRAIN, null, DatasetLoader.Subset.first(trainSize));
            Dataset test = DatasetLoader.load(dir, DatasetLoader.Split.TEST, null,
                    DatasetLoader.Subset.first(Math.max(testSize, previewSize)));
            return new Data(train, test.first(testSize), test.first(previewSize));
        });
    }
}
