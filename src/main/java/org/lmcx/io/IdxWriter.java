package org.lmcx.io;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX image and label files (gzip-compressed when the name ends in {@code .gz}), atomically. Used to
 * bundle small dataset subsets with the demo in the same form as the full datasets.
 */
public final class IdxWriter {

    private IdxWriter() {
    }

    public static void writeImages(Path file, int rows, int cols, byte[] pixels) throws IOException {
        int per = rows * cols;
        if (per <= 0 || pixels.length % per != 0) {
            throw new IllegalArgumentException(pixels.length + " pixel bytes are not a whole number of "
                    + rows + "×" + cols + " images");
        }
        write(file, out -> {
            out.writeInt(IdxReader.IMAGES_MAGIC);
            out.writeInt(pixels.length / per);
            out.writeInt(rows);
            out.writeInt(cols);
            out.write(pixels);
        });
    }

    public static void writeLabels(Path file, byte[] labels) throws IOException {
        write(file, out -> {
            out.writeInt(IdxReader.LABELS_MAGIC);
            out.writeInt(labels.length);
            out.write(labels);
        });
    }

    /**
     * Writes a single-channel set under the standard names ({@code train-images-idx3-ubyte.gz} …) into
     * {@code dir}, so that {@link DatasetLoader} finds it.
     */
    public static void write(Path dir, DatasetLoader.Split split, ImageSet set) throws IOException {
        if (set.channels() != 1) {
            throw new IllegalArgumentException("IDX holds single-channel images; " + set.name() + " has "
                    + set.channels() + " channels");
        }
        writeImages(dir.resolve(DatasetLoader.idxImagesName(split) + ".gz"), set.rows(), set.cols(), set.pixels());
        writeLabels(dir.resolve(DatasetLoader.idxLabelsName(split) + ".gz"), set.labels());
    }

    private static void write(Path file, AtomicFiles.IOConsumer<DataOutputStream> body) throws IOException {
        boolean gz = IoNames.name(file).endsWith(".gz");
        AtomicFiles.write(file, raw -> {
            OutputStream os = gz ? new GZIPOutputStream(raw, 1 << 16) : raw;
            DataOutputStream out = new DataOutputStream(os);
            body.accept(out);
            out.flush();
            if (os instanceof GZIPOutputStream g) {
                g.finish();
            }
        });
    }
}
