package org.lmcx.cli;

import org.lmcx.model.UserInputException;
import org.lmcx.io.CheckpointLoader;
import org.lmcx.io.DatasetLoader;
import org.lmcx.io.Normalization;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.session.DataRef;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Option groups shared by the commands, and the loading they imply. */
final class Inputs {

    private Inputs() {
    }

    static Model loadModel(Path file, Path arch, String key) {
        if (file == null) {
            throw new UserInputException("a checkpoint path is required");
        }
        return CheckpointLoader.load(file, arch, key);
    }

    /** Models A and B (and optionally C) of one architecture. */
    static final class Pair {
        @Option(names = {"--a", "-a"}, required = true, paramLabel = "CKPT", description = "model A (the reference)")
        Path a;
        @Option(names = {"--b", "-b"}, required = true, paramLabel = "CKPT", description = "model B (to be permuted)")
        Path b;
        @Option(names = "--arch", paramLabel = "FILE",
                description = "architecture descriptor JSON for all models (else metadata, sidecar or inference)")
        Path arch;
        @Option(names = "--key", paramLabel = "KEY",
                description = "for .pt checkpoints: the entry holding the state_dict (found automatically if absent)")
        String key;

        Model loadA() {
            return loadModel(a, arch, key);
        }

        Model loadB(Model a) {
            Model b = loadModel(this.b, arch, key);
            a.requireSameArchitecture(b);
            return b;
        }
    }

    /** A dataset directory with train/test subsets. */
    static final class Data {
        @Option(names = "--data", paramLabel = "DIR",
                description = "dataset directory: IDX files (MNIST, Fashion-MNIST, KMNIST; .gz or raw) or CIFAR-10 binary batches")
        Path dir;
        @Option(names = "--train-size", defaultValue = "5000", paramLabel = "N",
                description = "training examples used (matching data, BN reset, train curve; 0 = none; default ${DEFAULT-VALUE})")
        int trainSize;
        @Option(names = "--test-size", defaultValue = "10000", paramLabel = "N",
                description = "test examples evaluated (default ${DEFAULT-VALUE})")
        int testSize;
        @Option(names = "--random-subset", description = "draw subsets at random (seeded) instead of taking the first N")
        boolean random;
        @Option(names = "--mean", split = ",", paramLabel = "M", description = "per-channel normalization mean (default: by dataset)")
        double[] mean;
        @Option(names = "--std", split = ",", paramLabel = "S", description = "per-channel normalization std (default: by dataset)")
        double[] std;

        Path requireDir() {
            if (dir == null) {
                throw new UserInputException("--data DIR is required (e.g. /usr/share/datasets/fashion-mnist)");
            }
            if (!Files.isDirectory(dir)) {
                throw new UserInputException(dir + ": dataset directory not found");
            }
            return dir;
        }

        /** What these options select, for a run key; {@code seed} draws random subsets. */
        DataRef ref(long seed) {
            if (trainSize < 0) {
                throw new UserInputException("--train-size " + trainSize + ": must be ≥ 0 (0 = no training data)");
            }
            if (testSize < 1) {
                throw new UserInputException("--test-size " + testSize + ": must be ≥ 1 (the curves need test data)");
            }
            Path d = requireDir().toAbsolutePath().normalize();
            normalization();
            List<Double> m = new ArrayList<>();
            List<Double> s = new ArrayList<>();
            if (mean != null) {
                for (int i = 0; i < mean.length; i++) {
                    m.add(mean[i]);
                    s.add(std[i]);
                }
            }
            return new DataRef(d.toString(), trainSize, testSize, random ? DataRef.RANDOM : DataRef.FIRST,
                    random ? seed : null, m, s);
        }

        Dataset train(long seed) {
            if (trainSize < 0) {
                throw new UserInputException("--train-size " + trainSize + ": must be ≥ 0 (0 = no training data)");
            }
            return trainSize == 0 ? null : load(DatasetLoader.Split.TRAIN, trainSize, seed);
        }

        Dataset test(long seed) {
            if (testSize < 1) {
                throw new UserInputException("--test-size " + testSize + ": must be ≥ 1 (the curves need test data)");
            }
            return load(DatasetLoader.Split.TEST, testSize, seed);
        }

        private Dataset load(DatasetLoader.Split split, int n, long seed) {
            return DatasetLoader.load(requireDir(), split, normalization(),
                    random ? DatasetLoader.Subset.random(n, seed) : DatasetLoader.Subset.first(n));
        }

        private Normalization normalization() {
            if (mean == null && std == null) {
                return null;
            }
            if (mean == null || std == null || mean.length != std.length) {
                throw new UserInputException("--mean and --std must be given together, one value per channel");
            }
            float[] m = new float[mean.length];
            float[] s = new float[std.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = (float) mean[i];
                s[i] = (float) std[i];
            }
            return new Normalization(m, s);
        }
    }
}
