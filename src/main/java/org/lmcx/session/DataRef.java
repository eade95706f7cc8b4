package org.lmcx.session;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The data a run used: dataset folder, subset sizes, how the subsets were drawn and the normalization.
 *
 * @param dir        dataset folder (absolute where known), null when a run used no data
 * @param trainSize  training examples (matching data, BN reset, train curve); 0 = none
 * @param testSize   test examples (test curve, landscape, Taylor)
 * @param subset     {@link #FIRST} (the first N of each split) or {@link #RANDOM} (N drawn with {@code subsetSeed})
 * @param subsetSeed the seed of random subsets; null for {@link #FIRST}
 * @param mean       per-channel normalization mean; empty = the dataset's usual values
 * @param std        per-channel normalization std; empty = the dataset's usual values
 */
public record DataRef(String dir, int trainSize, int testSize, String subset, Long subsetSeed, List<Double> mean,
                      List<Double> std) {

    public static final String FIRST = "first";
    public static final String RANDOM = "random";

    public DataRef {
        subset = subset == null ? FIRST : subset;
        if (!FIRST.equals(subset) && !RANDOM.equals(subset)) {
            throw new IllegalArgumentException("subset rule must be \"first\" or \"random\", got \"" + subset + "\"");
        }
        if (RANDOM.equals(subset) && subsetSeed == null) {
            throw new IllegalArgumentException("a random subset needs its seed");
        }
        subsetSeed = FIRST.equals(subset) ? null : subsetSeed;
        mean = mean == null ? List.of() : List.copyOf(mean);
        std = std == null ? List.of() : List.copyOf(std);
        if (mean.size() != std.size()) {
            throw new IllegalArgumentException("normalization mean and std need one value per channel each");
        }
    }

    /** The first N of each split with the dataset's usual normalization (the GUI's and the demo's data). */
    public static DataRef first(Path dir, int trainSize, int testSize) {
        return new DataRef(dir == null ? null : dir.toAbsolutePath().normalize().toString(), trainSize, testSize,
                FIRST, null, List.of(), List.of());
    }

    /** Normalization as arrays for the loader, or null for the dataset's usual values. */
    public double[][] normalization() {
        if (mean.isEmpty()) {
            return null;
        }
        double[][] ms = new double[2][mean.size()];
        for (int i = 0; i < mean.size(); i++) {
            ms[0][i] = mean.get(i);
            ms[1][i] = std.get(i);
        }
        return ms;
    }

    /** One line, e.g. "fashion-mnist, train 2000 / test 2000 (first), usual normalization". */
    public String describe() {
        String name = dir == null ? "no data" : String.valueOf(Path.of(dir).getFileName());
        String rule = FIRST.equals(subset) ? "first" : "random, seed " + subsetSeed;
        String norm = mean.isEmpty() ? "usual normalization" : "mean " + mean + " std " + std;
        return String.format(Locale.ROOT, "%s, train %d / test %d (%s), %s", name, trainSize, testSize, rule, norm);
    }
}
