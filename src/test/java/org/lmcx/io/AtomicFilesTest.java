package org.lmcx.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {

    @TempDir
    Path tmp;

    private long filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void failingWriterLeavesTheExistingTargetIntactAndNoTemporaryFile() throws IOException {
        Path target = Files.writeString(tmp.resolve("model.safetensors"), "old content");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(Files.readString(target)).isEqualTo("old content");
        assertThat(filesIn(tmp)).isEqualTo(1);
    }

    @Test
    void runtimeExceptionInTheWriterAlsoLeavesTheTargetIntact() throws IOException {
        Path target = Files.writeString(tmp.resolve("a.json"), "keep");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(target)).isEqualTo("keep");
        assertThat(filesIn(tmp)).isEqualTo(1);
    }

    @Test
    void failingWriterCreatesNoTargetWhenThereWasNone() throws IOException {
        Path target = tmp.resolve("new.csv");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            throw new IOException("nope");
        })).isInstanceOf(IOException.class);
        assertThat(target).doesNotExist();
        assertThat(filesIn(tmp)).isZero();
    }

    @Test
    void successfulWriteReplacesTheTargetEvenIfTheBodyClosesTheStream() throws IOException {
        Path target = Files.writeString(tmp.resolve("x.txt"), "old old old old");
        AtomicFiles.write(target, out -> {
            out.write("new".getBytes(StandardCharsets.UTF_8));
            out.close();
        });
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(filesIn(tmp)).isEqualTo(1);
    }

    @Test
    void createsMissingParentDirectoriesAndWorksWithRelativeNames() throws IOException {
        Path target = tmp.resolve("a/b/c.bin");
        AtomicFiles.write(target, new byte[]{1, 2, 3});
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
    }
}
