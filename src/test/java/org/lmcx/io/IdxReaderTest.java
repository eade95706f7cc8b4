package org.lmcx.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.model.InvalidModelException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxReaderTest {

    @TempDir
    Path tmp;

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Hand-written IDX bytes, independent of IdxWriter. */
    private static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bos);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bos.toByteArray();
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bos)) {
            g.write(b);
        }
        return bos.toByteArray();
    }

    @Test
    void readsRawAndGzippedImagesAndLabelsByContent() throws IOException {
        byte[] px = randomBytes(3 * 4 * 5, 1);
        byte[] lb = {7, 0, 9};
        Path rawImages = Files.write(tmp.resolve("imgs"), idx(2051, new int[]{3, 4, 5}, px));
        Path gzLabels = Files.write(tmp.resolve("labels"), gzip(idx(2049, new int[]{3}, lb)));
        IdxReader.Images im = IdxReader.readImages(rawImages);
        assertThat(im.count()).isEqualTo(3);
        assertThat(im.rows()).isEqualTo(4);
        assertThat(im.cols()).isEqualTo(5);
        assertThat(im.pixels()).containsExactly(px);
        assertThat(IdxReader.readLabels(gzLabels)).containsExactly(lb);
        ImageSet s = IdxReader.read(rawImages, gzLabels, "x");
        assertThat(s.exampleShape()).containsExactly(1, 4, 5);
        assertThat(s.label(2)).isEqualTo(9);
    }

    @Test
    void writerOutputReadsBackIdenticallyCompressedOrNot() throws IOException {
        byte[] px = randomBytes(10 * 28 * 28, 2);
        byte[] lb = randomBytes(10, 3);
        for (String suffix : new String[]{"", ".gz"}) {
            Path i = tmp.resolve("i-idx3-ubyte" + suffix);
            Path l = tmp.resolve("l-idx1-ubyte" + suffix);
            IdxWriter.writeImages(i, 28, 28, px);
            IdxWriter.writeLabels(l, lb);
            if (suffix.isEmpty()) {
                assertThat(Files.readAllBytes(i)).containsExactly(idx(2051, new int[]{10, 28, 28}, px));
            } else {
                assertThat(Files.readAllBytes(i)[0]).isEqualTo((byte) 0x1f);
            }
            ImageSet s = IdxReader.read(i, l, "rt");
            assertThat(s.pixels()).containsExactly(px);
            assertThat(s.labels()).containsExactly(lb);
        }
    }

    @Test
    void rejectsWrongMagicNamingTheFileAndWhatItIs() throws IOException {
        Path labels = Files.write(tmp.resolve("t10k-labels-idx1-ubyte"), idx(2049, new int[]{2}, new byte[]{1, 2}));
        assertThatThrownBy(() -> IdxReader.readImages(labels)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("t10k-labels-idx1-ubyte: magic number 2049 is not 2051")
                .hasMessageContaining("label file");
        Path junk = Files.write(tmp.resolve("junk"), new byte[]{0, 0, 8, 1, 0, 0, 0, 0});
        assertThatThrownBy(() -> IdxReader.readImages(junk)).hasMessageStartingWith("junk: magic number 2049");
        Path text = Files.writeString(tmp.resolve("readme"), "hello world");
        assertThatThrownBy(() -> IdxReader.readLabels(text)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("readme: magic number");
    }

    @Test
    void rejectsTruncatedImagesRawAndGzipped() throws IOException {
        byte[] full = idx(2051, new int[]{5, 28, 28}, randomBytes(5 * 784, 4));
        Path raw = Files.write(tmp.resolve("cut-images-idx3-ubyte"), Arrays.copyOf(full, full.length - 10));
        assertThatThrownBy(() -> IdxReader.readImages(raw)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("cut-images-idx3-ubyte: truncated")
                .hasMessageContaining("5 images of 28×28").hasMessageContaining("3910");
        byte[] gz = gzip(full);
        Path cutGz = Files.write(tmp.resolve("cut-images-idx3-ubyte.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.readImages(cutGz)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("cut-images-idx3-ubyte.gz:").hasMessageContaining("truncated");
        Path header = Files.write(tmp.resolve("hdr"), Arrays.copyOf(full, 9));
        assertThatThrownBy(() -> IdxReader.readImages(header)).hasMessageStartingWith("hdr: truncated IDX header");
    }

    @Test
    void aLyingHeaderDoesNotAllocateItsClaimedSize() throws IOException {
        // 2^31−9 claimed bytes, 4 present: must fail as truncated, not with OutOfMemoryError.
        Path f = Files.write(tmp.resolve("liar"), idx(2051, new int[]{2047, 1024, 1023}, new byte[4]));
        assertThatThrownBy(() -> IdxReader.readImages(f)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("truncated");
        Path g = Files.write(tmp.resolve("huge"), idx(2051, new int[]{60000, 28000, 28000}, new byte[4]));
        assertThatThrownBy(() -> IdxReader.readImages(g)).hasMessageContaining("too many to load");
    }

    @Test
    void rejectsTrailingDataAndMismatchedCounts() throws IOException {
        Path extra = Files.write(tmp.resolve("extra"), idx(2049, new int[]{2}, new byte[]{1, 2, 3}));
        assertThatThrownBy(() -> IdxReader.readLabels(extra)).hasMessageStartingWith("extra: has data beyond");
        Path im = Files.write(tmp.resolve("im"), idx(2051, new int[]{2, 2, 2}, new byte[8]));
        Path lb = Files.write(tmp.resolve("lb"), idx(2049, new int[]{3}, new byte[3]));
        assertThatThrownBy(() -> IdxReader.read(im, lb, "x")).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("lb: holds 3 labels but im holds 2 images");
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> IdxReader.readLabels(tmp.resolve("absent.gz"))).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("absent.gz: file not found");
    }
}
