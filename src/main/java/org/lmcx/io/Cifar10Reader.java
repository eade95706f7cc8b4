package org.lmcx.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CIFAR-10 binary version: each batch file is a sequence of 3073-byte records, one label byte
 * (0–9) then 3072 pixel bytes in channel-major order (1024 red, 1024 green, 1024 blue, rows top to bottom),
 * which is already PyTorch's {@code [3,32,32]} layout.
 */
public final class Cifar10Reader {

    public static final int RECORD = 1 + 3 * 32 * 32;
    public static final List<String> TRAIN_BATCHES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_BATCH = "test_batch.bin";

    private Cifar10Reader() {
    }

    /** One batch file. */
    public static ImageSet readBatch(Path file) {
        String name = IoNames.name(file);
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(name + ": file not found (" + file.toAbsolutePath() + ")", e);
        } catch (IOException e) {
            throw new DatasetException(name + ": cannot read: " + e, e);
        }
        if (size == 0 || size % RECORD != 0) {
            throw new DatasetException(name + ": " + size + " bytes is not a whole number of " + RECORD
                    + "-byte CIFAR-10 records (truncated, or not a CIFAR-10 binary batch)");
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new DatasetException(name + ": " + size + " bytes, too large for one batch");
        }
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DatasetException(name + ": cannot read: " + e, e);
        }
        int n = raw.length / RECORD;
        byte[] labels = new byte[n];
        byte[] pixels = new byte[n * (RECORD - 1)];
        for (int i = 0; i < n; i++) {
            byte label = raw[i * RECORD];
            if ((label & 0xff) > 9) {
                throw new DatasetException(name + ": record " + i + " has label " + (label & 0xff)
                        + "; CIFAR-10 labels are 0–9 (is this CIFAR-100?)");
            }
            labels[i] = label;
            System.arraycopy(raw, i * RECORD + 1, pixels, i * (RECORD - 1), RECORD - 1);
        }
        return new ImageSet(name, 3, 32, 32, pixels, labels);
    }

    /**
     * The training batches present in {@code dir} (data_batch_1.bin, then 2… while they exist) or the test
     * batch, concatenated in order.
     */
    public static ImageSet read(Path dir, DatasetLoader.Split split, String name) {
        List<Path> files = new ArrayList<>();
        if (split == DatasetLoader.Split.TEST) {
            files.add(dir.resolve(TEST_BATCH));
        } else {
            for (String b : TRAIN_BATCHES) {
                Path p = dir.resolve(b);
                if (!Files.isRegularFile(p)) {
                    break;
                }
                files.add(p);
            }
            if (files.isEmpty()) {
                throw new DatasetException(dir + ": no " + TRAIN_BATCHES.get(0) + " (CIFAR-10 training batches)");
            }
        }
        List<ImageSet> parts = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            ImageSet s = readBatch(f);
            parts.add(s);
            total += s.pixels().length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new DatasetException(dir + ": batches too large to load together");
        }
        byte[] pixels = new byte[(int) total];
        int count = parts.stream().mapToInt(ImageSet::size).sum();
        byte[] labels = new byte[count];
        int po = 0;
        int lo = 0;
        for (ImageSet s : parts) {
            System.arraycopy(s.pixels(), 0, pixels, po, s.pixels().length);
            System.arraycopy(s.labels(), 0, labels, lo, s.size());
            po += s.pixels().length;
            lo += s.size();
        }
        return new ImageSet(name, 3, 32, 32, pixels, labels);
    }
}
