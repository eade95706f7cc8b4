package org.lmcx.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.Fixtures;
import org.lmcx.io.DatasetLoader.Kind;
import org.lmcx.io.DatasetLoader.Split;
import org.lmcx.io.DatasetLoader.Subset;
import org.lmcx.model.Dataset;
import org.lmcx.model.InvalidModelException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetLoaderTest {

    @TempDir
    Path tmp;

    private static byte[] gunzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }

    @Test
    void fashionMnistTestSplitLoadsNormalizedLikeTorchvision() throws IOException {
        Path dir = Fixtures.requireFashionMnist();
        Dataset d = DatasetLoader.load(dir, Split.TEST);
        assertThat(d.size()).isEqualTo(10_000);
        assertThat(d.exampleShape()).containsExactly(1, 28, 28);
        assertThat(d.numClasses()).isEqualTo(10);
        assertThat(d.name()).isEqualTo("fashion-mnist test");
        byte[] px = gunzip(dir.resolve("t10k-images-idx3-ubyte.gz"));
        byte[] lb = gunzip(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        for (int i : new int[]{0, 1, 783, 784 * 5000 + 400, 784 * 10_000 - 1}) {
            float x = (px[16 + i] & 0xff) / 255f;
            assertThat(d.features()[i]).isEqualTo((x - 0.2860f) / 0.3530f);
        }
        for (int i : new int[]{0, 1, 2, 9999}) {
            assertThat(d.labels()[i]).isEqualTo(lb[8 + i]);
        }
        double mean = 0;
        for (float v : d.features()) {
            mean += v;
        }
        // Normalized by the training-set statistics, the test set is close to zero mean.
        assertThat(mean / d.features().length).isBetween(-0.05, 0.05);
    }

    @Test
    void subsetsTakeTheFirstNOrASeededRandomN() {
        Path dir = Fixtures.requireFashionMnist();
        Dataset all = DatasetLoader.load(dir, Split.TEST);
        Dataset first = DatasetLoader.load(dir, Split.TEST, null, Subset.first(100));
        assertThat(first.size()).isEqualTo(100);
        // Arrays.equals: AssertJ's containsExactly diff is quadratic on long arrays.
        assertThat(Arrays.equals(first.features(), Arrays.copyOf(all.features(), 100 * 784))).isTrue();
        assertThat(first.name()).contains("first 100");
        Dataset r1 = DatasetLoader.load(dir, Split.TEST, null, Subset.random(50, 42));
        Dataset r2 = DatasetLoader.load(dir, Split.TEST, null, Subset.random(50, 42));
        assertThat(r1.labels()).containsExactly(r2.labels());
        assertThat(Arrays.equals(r1.features(), all.randomSubset(50, 42).features())).isTrue();
        assertThat(r1.labels()).isNotEqualTo(first.labels());
    }

    @Test
    void explicitNormalizationOverridesTheDetectedOne() {
        Path dir = Fixtures.requireFashionMnist();
        Dataset d = DatasetLoader.load(dir, Split.TEST, new Normalization(new float[]{0f}, new float[]{1f}),
                Subset.first(3));
        for (float v : d.features()) {
            assertThat(v).isBetween(0f, 1f);
        }
        Dataset cli = DatasetLoader.load(dir, "test", new double[]{0.5}, new double[]{0.25});
        assertThat(cli.features()[0]).isEqualTo((0f - 0.5f) / 0.25f);
        assertThatThrownBy(() -> DatasetLoader.load(dir, "test", new double[]{0.5}, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writtenSubsetIsFoundUnderStandardNamesAndRecognisedByItsPixels() throws IOException {
        Path dir = Fixtures.requireFashionMnist();
        ImageSet small = DatasetLoader.loadRaw(dir, Split.TEST).images().first(200);
        Path out = tmp.resolve("bundle"); // a neutral name: detection must use the pixel statistics
        IdxWriter.write(out, Split.TEST, small);
        assertThat(out.resolve("t10k-images-idx3-ubyte.gz")).exists();
        assertThat(out.resolve("t10k-labels-idx1-ubyte.gz")).exists();
        DatasetLoader.Raw back = DatasetLoader.loadRaw(out, Split.TEST);
        assertThat(back.kind()).isEqualTo(Kind.FASHION_MNIST);
        assertThat(back.images().pixels()).containsExactly(small.pixels());
        assertThat(back.images().labels()).containsExactly(small.labels());
    }

    @Test
    void idxDatasetKindFollowsTheDirectoryNameFirst() throws IOException {
        byte[] px = new byte[4 * 28 * 28]; // all black: pixel statistics alone would say MNIST
        for (String name : new String[]{"KMNIST", "fashion_mnist_small", "mnist"}) {
            Path d = tmp.resolve(name);
            IdxWriter.writeImages(d.resolve("train-images-idx3-ubyte"), 28, 28, px);
            IdxWriter.writeLabels(d.resolve("train-labels-idx1-ubyte"), new byte[4]);
        }
        assertThat(DatasetLoader.loadRaw(tmp.resolve("KMNIST"), Split.TRAIN).kind()).isEqualTo(Kind.KMNIST);
        assertThat(DatasetLoader.loadRaw(tmp.resolve("fashion_mnist_small"), Split.TRAIN).kind())
                .isEqualTo(Kind.FASHION_MNIST);
        Dataset m = DatasetLoader.load(tmp.resolve("mnist"), Split.TRAIN);
        assertThat(m.features()[0]).isEqualTo((0f - 0.1307f) / 0.3081f);
        assertThat(m.name()).isEqualTo("mnist train");
    }

    @Test
    void cifarBatchesLoadChannelMajorWithPerChannelNormalization() throws IOException {
        Path dir = tmp.resolve("cifar-10-batches-bin");
        Files.createDirectories(dir);
        Random rnd = new Random(9);
        byte[][] batches = new byte[3][];
        for (int b = 0; b < 3; b++) {
            byte[] data = new byte[4 * Cifar10Reader.RECORD];
            rnd.nextBytes(data);
            for (int i = 0; i < 4; i++) {
                data[i * Cifar10Reader.RECORD] = (byte) ((b * 4 + i) % 10);
            }
            batches[b] = data;
        }
        Files.write(dir.resolve("data_batch_1.bin"), batches[0]);
        Files.write(dir.resolve("data_batch_2.bin"), batches[1]);
        Files.write(dir.resolve("test_batch.bin"), batches[2]);

        Dataset train = DatasetLoader.load(tmp, Split.TRAIN); // finds the cifar-10-batches-bin subfolder
        assertThat(train.size()).isEqualTo(8);
        assertThat(train.exampleShape()).containsExactly(3, 32, 32);
        assertThat(train.labels()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        // Example 5 = second record of batch 2; green channel (c=1), row 3, col 7.
        int pixel = batches[1][Cifar10Reader.RECORD + 1 + 1024 + 3 * 32 + 7] & 0xff;
        assertThat(train.features()[5 * 3072 + 1024 + 3 * 32 + 7]).isEqualTo((pixel / 255f - 0.4822f) / 0.2435f);
        int red = batches[0][1] & 0xff;
        assertThat(train.features()[0]).isEqualTo((red / 255f - 0.4914f) / 0.2470f);

        Dataset test = DatasetLoader.load(dir, Split.TEST);
        assertThat(test.labels()).containsExactly(8, 9, 0, 1);
        assertThat(test.name()).isEqualTo("cifar-10 test");
    }

    @Test
    void damagedCifarBatchesAreRejectedNamingTheFile() throws IOException {
        Path cut = Files.write(tmp.resolve("test_batch.bin"), new byte[Cifar10Reader.RECORD + 5]);
        assertThatThrownBy(() -> DatasetLoader.load(tmp, Split.TEST)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("test_batch.bin: 3078 bytes is not a whole number");
        byte[] rec = new byte[Cifar10Reader.RECORD];
        rec[0] = 42;
        Files.write(cut, rec);
        assertThatThrownBy(() -> Cifar10Reader.readBatch(cut)).hasMessageContaining("label 42");
    }

    @Test
    void missingDirectoryOrFilesGiveMessagesNamingThePath() throws IOException {
        Path none = tmp.resolve("no-such-dir");
        assertThatThrownBy(() -> DatasetLoader.load(none, Split.TEST)).isInstanceOf(InvalidModelException.class)
                .isInstanceOf(DatasetException.class).hasMessageContaining("no-such-dir")
                .hasMessageContaining("not found");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> DatasetLoader.load(empty, Split.TRAIN)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("empty").hasMessageContaining("train-images-idx3-ubyte");
        Path half = Files.createDirectories(tmp.resolve("half"));
        IdxWriter.writeImages(half.resolve("t10k-images-idx3-ubyte.gz"), 2, 2, new byte[4]);
        assertThatThrownBy(() -> DatasetLoader.load(half, Split.TEST)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("t10k-labels-idx1-ubyte");
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        assertThatThrownBy(() -> DatasetLoader.load(file, Split.TEST)).hasMessageContaining("not a directory");
    }

    @Test
    void truncatedIdxInADatasetDirectoryNamesTheFile() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("broken"));
        IdxWriter.writeImages(d.resolve("t10k-images-idx3-ubyte"), 28, 28, new byte[3 * 784]);
        IdxWriter.writeLabels(d.resolve("t10k-labels-idx1-ubyte"), new byte[3]);
        Path img = d.resolve("t10k-images-idx3-ubyte");
        byte[] b = Files.readAllBytes(img);
        Files.write(img, Arrays.copyOf(b, b.length - 1));
        assertThatThrownBy(() -> DatasetLoader.load(d, Split.TEST)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("t10k-images-idx3-ubyte: truncated");
    }

    @Test
    void splitParsesCommandLineSpellings() {
        assertThat(Split.parse("Train")).isEqualTo(Split.TRAIN);
        assertThat(Split.parse("t10k")).isEqualTo(Split.TEST);
        assertThatThrownBy(() -> Split.parse("val")).isInstanceOf(IllegalArgumentException.class);
    }
}
