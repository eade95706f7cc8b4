package org.lmcx.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads LeCun's IDX files as MNIST, Fashion-MNIST and KMNIST ship them: unsigned-byte images (magic 2051,
 * dims count×rows×cols) and labels (magic 2049, dim count), gzip-compressed or raw (detected by content).
 * Sizes in the header are checked against the data actually present; memory is only allocated for bytes
 * that are really there, so a damaged header cannot trigger a huge allocation.
 */
public final class IdxReader {

    public static final int IMAGES_MAGIC = 2051;
    public static final int LABELS_MAGIC = 2049;

    /** Images of one IDX file. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
    }

    private IdxReader() {
    }

    /** Reads an image file and its label file into one set, checking that their counts agree. */
    public static ImageSet read(Path images, Path labels, String name) {
        Images im = readImages(images);
        byte[] lb = readLabels(labels);
        if (lb.length != im.count) {
            throw new DatasetException(IoNames.name(labels) + ": holds " + lb.length + " labels but "
                    + IoNames.name(images) + " holds " + im.count + " images");
        }
        return new ImageSet(name, 1, im.rows, im.cols, im.pixels, lb);
    }

    public static Images readImages(Path file) {
        String name = IoNames.name(file);
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new DatasetException(name + ": magic number " + magic + " is not " + IMAGES_MAGIC
                        + " (IDX unsigned-byte images)" + (magic == LABELS_MAGIC ? "; this is a label file" : ""));
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || rows <= 0 || cols <= 0) {
                throw new DatasetException(name + ": header claims " + count + " images of " + rows + "×" + cols);
            }
            long bytes = (long) count * rows * cols;
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new DatasetException(name + ": header claims " + count + " images of " + rows + "×" + cols
                        + " = " + bytes + " bytes, too many to load");
            }
            byte[] pixels = readExactly(in, (int) bytes, name, count + " images of " + rows + "×" + cols);
            return new Images(count, rows, cols, pixels);
        } catch (IOException e) {
            throw failure(name, file, e);
        }
    }

    /** One message per kind of read failure, naming the file (shared by the image and label readers). */
    private static DatasetException failure(String name, Path file, IOException e) {
        if (e instanceof EOFException) {
            return new DatasetException(name + ": truncated IDX header", e);
        }
        if (e instanceof NoSuchFileException) {
            return new DatasetException(name + ": file not found (" + file.toAbsolutePath() + ")", e);
        }
        if (e instanceof ZipException) {
            return new DatasetException(name + ": damaged gzip data: " + e.getMessage(), e);
        }
        return new DatasetException(name + ": cannot read: " + e, e);
    }

    public static byte[] readLabels(Path file) {
        String name = IoNames.name(file);
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new DatasetException(name + ": magic number " + magic + " is not " + LABELS_MAGIC
                        + " (IDX unsigned-byte labels)" + (magic == IMAGES_MAGIC ? "; this is an image file" : ""));
            }
            int count = in.readInt();
            if (count < 0 || count > Integer.MAX_VALUE - 8) {
                throw new DatasetException(name + ": header claims " + count + " labels");
            }
            return readExactly(in, count, name, count + " labels");
        } catch (IOException e) {
            throw failure(name, file, e);
        }
    }

    private static byte[] readExactly(InputStream in, int n, String name, String what) throws IOException {
        // readNBytes grows its buffer as data arrives, so a lying header costs no more than the real data.
        byte[] data;
        try {
            data = in.readNBytes(n);
        } catch (EOFException e) {
            // A cut-off gzip stream ends in EOFException rather than a short read.
            throw new DatasetException(name + ": truncated: the compressed data ends before the " + what
                    + " its header announces", e);
        }
        if (data.length < n) {
            throw new DatasetException(name + ": truncated: header announces " + what + " (" + n
                    + " bytes of data) but the file holds only " + data.length);
        }
        if (in.read() >= 0) {
            throw new DatasetException(name + ": has data beyond the " + what + " its header announces");
        }
        return data;
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        boolean gz = b0 == 0x1f && b1 == 0x8b;
        return new DataInputStream(gz ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
    }
}
