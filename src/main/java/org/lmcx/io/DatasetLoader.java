package org.lmcx.io;

import org.lmcx.model.Dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Finds, reads and normalizes an image-classification dataset in a directory: MNIST-style IDX files
 * ({@code train-images-idx3-ubyte[.gz]}, {@code t10k-…}; MNIST, Fashion-MNIST and KMNIST all use these names)
 * or CIFAR-10 binary batches (in the directory or its {@code cifar-10-batches-bin}). Which of the IDX
 * datasets it is decides the default normalization; it is taken from the directory name and, failing
 * that, from the mean pixel value, which differs clearly between the three.
 */
public final class DatasetLoader {

    public enum Split {
        TRAIN, TEST;

        /** {@code train} or {@code test}, case-insensitive. */
        public static Split parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "train" -> TRAIN;
                case "test", "t10k" -> TEST;
                default -> throw new IllegalArgumentException("split must be train or test, got \"" + s + "\"");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The datasets we recognise, with the usual (training-set) normalization of each. */
    public enum Kind {
        MNIST("mnist", Normalization.MNIST, 0.1307),
        FASHION_MNIST("fashion-mnist", Normalization.FASHION_MNIST, 0.2860),
        KMNIST("kmnist", Normalization.KMNIST, 0.1918),
        CIFAR10("cifar-10", Normalization.CIFAR10, 0.4734);

        private final String label;
        // Normalization copies its arrays in and out, so it is immutable though the checker cannot tell.
        @SuppressWarnings("ImmutableEnumChecker")
        private final Normalization normalization;
        private final double meanPixel;

        Kind(String label, Normalization normalization, double meanPixel) {
            this.label = label;
            this.normalization = normalization;
            this.meanPixel = meanPixel;
        }

        public String label() {
            return label;
        }

        public Normalization normalization() {
            return normalization;
        }
    }

    /** Which examples to keep: all, the first n, or n drawn with a seed (see {@link Dataset#randomSubset}). */
    public record Subset(int count, Long seed) {

        public static final Subset ALL = new Subset(Integer.MAX_VALUE, null);

        public Subset {
            if (count < 0) {
                throw new org.lmcx.model.UserInputException("subset size must be ≥ 0, got " + count);
            }
        }

        public static Subset first(int n) {
            return new Subset(n, null);
        }

        public static Subset random(int n, long seed) {
            return new Subset(n, seed);
        }
    }

    /** Every supported dataset (MNIST, Fashion-MNIST, KMNIST, CIFAR-10) has ten classes. */
    static final int CLASSES = 10;

    /** A label outside the classes would index past the logits: refused naming the file and the example. */
    static void requireLabelsBelow(ImageSet set, int classes, Path labelFile) {
        for (int i = 0; i < set.size(); i++) {
            if (set.label(i) >= classes) {
                throw new DatasetException(labelFile + ": label " + set.label(i) + " at index " + i
                        + " is outside the " + classes + " classes (0–" + (classes - 1) + ")");
            }
        }
    }

    /** Raw images and what they were recognised as. */
    public record Raw(Kind kind, ImageSet images) {
    }

    private DatasetLoader() {
    }

    /** All examples of a split with the detected dataset's normalization. */
    public static Dataset load(Path dir, Split split) {
        return load(dir, split, null, Subset.ALL);
    }

    /**
     * @param normalization null for the detected dataset's default
     * @throws DatasetException naming the path when the directory or its files are missing or damaged
     */
    public static Dataset load(Path dir, Split split, Normalization normalization, Subset subset) {
        if (subset.count() == 0) {
            throw new DatasetException(dir + ": a subset of 0 " + split.label() + " examples evaluates nothing "
                    + "(give a size ≥ 1)");
        }
        Raw raw = loadRaw(dir, split);
        if (raw.images.size() == 0) {
            throw new DatasetException(dir + ": the " + split.label() + " split holds no images");
        }
        Normalization norm = normalization != null ? normalization : raw.kind.normalization();
        ImageSet images = raw.images;
        boolean random = subset.seed() != null;
        if (!random) {
            // Normalizing only what is kept matters for a 2,000-image subset of 60,000.
            images = images.first(subset.count());
        }
        String name = raw.kind.label() + " " + split.label();
        Dataset d;
        try {
            d = norm.apply(images, name, CLASSES);
        } catch (IllegalArgumentException e) {
            throw new DatasetException(dir + ": " + e.getMessage(), e);
        }
        if (!random && subset.count() < raw.images.size()) {
            d = new Dataset(name + " first " + subset.count(), d.exampleShape(), d.features(), d.labels(),
                    d.numClasses());
        }
        return random ? d.randomSubset(subset.count(), subset.seed()) : d;
    }

    /**
     * Command-line form: split as text, subsetting left to the caller.
     *
     * @param mean per-channel means, or null (with {@code std} null) for the detected dataset's default
     * @param std  per-channel standard deviations, or null
     */
    public static Dataset load(Path dir, String split, double[] mean, double[] std) {
        Normalization norm = null;
        if (mean != null || std != null) {
            if (mean == null || std == null) {
                throw new org.lmcx.model.UserInputException("give both the normalization mean and std, or neither");
            }
            float[] m = new float[mean.length];
            float[] s = new float[std.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = (float) mean[i];
            }
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) std[i];
            }
            norm = new Normalization(m, s);
        }
        return load(dir, Split.parse(split), norm, Subset.ALL);
    }

    /** The split's raw 8-bit images and the recognised dataset. */
    public static Raw loadRaw(Path dir, Split split) {
        if (!Files.exists(dir)) {
            throw new DatasetException(dir + ": dataset directory not found");
        }
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir + ": is not a directory (give the folder holding the dataset files)");
        }
        Path images = firstExisting(dir, idxImagesName(split));
        Path labels = firstExisting(dir, idxLabelsName(split));
        if (images != null || labels != null) {
            if (images == null || labels == null) {
                throw new DatasetException(dir + ": has " + (images != null ? IoNames.name(images)
                        : IoNames.name(labels)) + " but not its " + (images == null ? "image" : "label")
                        + " file " + (images == null ? idxImagesName(split) : idxLabelsName(split)) + "[.gz]");
            }
            ImageSet set = IdxReader.read(images, labels, split.label());
            requireLabelsBelow(set, CLASSES, labels);
            Kind kind = detectIdx(dir, set);
            return new Raw(kind, rename(set, kind.label() + " " + split.label()));
        }
        for (Path d : new Path[]{dir, dir.resolve("cifar-10-batches-bin")}) {
            String first = split == Split.TEST ? Cifar10Reader.TEST_BATCH : Cifar10Reader.TRAIN_BATCHES.get(0);
            if (Files.isRegularFile(d.resolve(first))) {
                return new Raw(Kind.CIFAR10, Cifar10Reader.read(d, split, Kind.CIFAR10.label() + " " + split.label()));
            }
        }
        throw new DatasetException(dir + ": no " + split.label() + " split found (looked for "
                + idxImagesName(split) + "[.gz] with " + idxLabelsName(split) + "[.gz], and CIFAR-10 "
                + (split == Split.TEST ? Cifar10Reader.TEST_BATCH : Cifar10Reader.TRAIN_BATCHES.get(0)) + ")");
    }

    static String idxImagesName(Split split) {
        return (split == Split.TRAIN ? "train" : "t10k") + "-images-idx3-ubyte";
    }

    static String idxLabelsName(Split split) {
        return (split == Split.TRAIN ? "train" : "t10k") + "-labels-idx1-ubyte";
    }

    /** {@code base.gz}, {@code base}, and the {@code train-images.idx3-ubyte} spelling some mirrors use. */
    private static Path firstExisting(Path dir, String base) {
        String dotted = base.replace("-idx", ".idx");
        for (String n : new String[]{base + ".gz", base, dotted + ".gz", dotted}) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** Directory name first (explicit), else the nearest known mean pixel value. */
    static Kind detectIdx(Path dir, ImageSet set) {
        Path abs = dir.toAbsolutePath().normalize();
        StringBuilder names = new StringBuilder();
        for (Path p = abs; p != null && p.getFileName() != null && names.length() < 200; p = p.getParent()) {
            names.append(p.getFileName().toString().toLowerCase(Locale.ROOT)).append('/');
            if (names.toString().split("/").length >= 2) {
                break;
            }
        }
        String n = names.toString();
        if (n.contains("fashion")) {
            return Kind.FASHION_MNIST;
        }
        if (n.contains("kmnist") || n.contains("kuzushiji")) {
            return Kind.KMNIST;
        }
        if (n.contains("mnist")) {
            return Kind.MNIST;
        }
        double mean = meanPixel(set);
        Kind best = Kind.MNIST;
        for (Kind k : new Kind[]{Kind.MNIST, Kind.FASHION_MNIST, Kind.KMNIST}) {
            if (Math.abs(k.meanPixel - mean) < Math.abs(best.meanPixel - mean)) {
                best = k;
            }
        }
        return best;
    }

    static double meanPixel(ImageSet set) {
        long sum = 0;
        for (byte b : set.pixels()) {
            sum += b & 0xff;
        }
        return set.pixels().length == 0 ? 0 : sum / 255.0 / set.pixels().length;
    }

    private static ImageSet rename(ImageSet s, String name) {
        return new ImageSet(name, s.channels(), s.rows(), s.cols(), s.pixels(), s.labels());
    }
}
