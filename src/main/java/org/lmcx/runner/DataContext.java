package org.lmcx.runner;

import org.lmcx.io.DatasetLoader;
import org.lmcx.io.Normalization;
import org.lmcx.model.Dataset;
import org.lmcx.session.DataRef;

import java.nio.file.Path;

/**
 * The data of a run: what it is ({@link DataRef}, part of every run key) and the loaded subsets.
 *
 * @param ref   folder, sizes, subset rule, normalization
 * @param train training subset (matching data for AM/STE, BN reset, train curve); null when none
 * @param test  test subset (curves, landscape, Taylor, hidden-input alignment)
 */
public record DataContext(DataRef ref, Dataset train, Dataset test) {

    /** Loads the subsets a {@link DataRef} describes. */
    public static DataContext load(DataRef ref) {
        if (ref.dir() == null) {
            throw new org.lmcx.model.UserInputException("no dataset folder given");
        }
        Path dir = Path.of(ref.dir());
        double[][] ms = ref.normalization();
        Normalization norm = null;
        if (ms != null) {
            float[] m = new float[ms[0].length];
            float[] s = new float[ms[1].length];
            for (int i = 0; i < m.length; i++) {
                m[i] = (float) ms[0][i];
                s[i] = (float) ms[1][i];
            }
            norm = new Normalization(m, s);
        }
        Dataset train = ref.trainSize() <= 0 ? null
                : DatasetLoader.load(dir, DatasetLoader.Split.TRAIN, norm, subset(ref, ref.trainSize()));
        Dataset test = DatasetLoader.load(dir, DatasetLoader.Split.TEST, norm, subset(ref, ref.testSize()));
        return new DataContext(ref, train, test);
    }

    private static DatasetLoader.Subset subset(DataRef ref, int n) {
        return DataRef.RANDOM.equals(ref.subset()) ? DatasetLoader.Subset.random(n, ref.subsetSeed())
                : DatasetLoader.Subset.first(n);
    }
}
