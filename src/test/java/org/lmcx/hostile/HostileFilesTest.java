package org.lmcx.hostile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.cli.Cli;
import org.lmcx.io.AtomicFiles;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Files that are not what they seem, outputs that cannot be written, and writes that get interrupted. */
class HostileFilesTest {

    @TempDir
    Path dir;

    private record Outcome(int code, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter err = new StringWriter();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.run(args, new PrintWriter(err, true)));
        return new Outcome(code, err.toString().strip());
    }

    private Path tinyModel() throws IOException {
        Random r = new Random(1);
        return Files.write(dir.resolve("tiny.safetensors"),
                HostileCorpus.safetensors(HostileCorpus.mlp(r), HostileCorpus.mlpShapes(), Map.of(), Map.of()));
    }

    /** Opening a FIFO blocks until a writer appears: it must be refused without being opened. */
    @Test
    void fifoGivenAsCheckpointIsRefusedWithoutHanging() throws Exception {
        Path fifo = dir.resolve("model.safetensors");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Outcome o = run("info", fifo.toString());
        assertThat(o.code()).isEqualTo(Cli.USER_ERROR);
        assertThat(o.err()).contains("model.safetensors", "not a regular file").hasLineCount(1);
        Outcome arch = run("info", tinyModel().toString(), "--arch", fifo.toString());
        assertThat(arch.code()).isEqualTo(Cli.USER_ERROR);
        assertThat(arch.err()).contains("--arch", "not a regular file");
    }

    /** The output location is checked before the work starts, and the message names the target. */
    @Test
    void unwritableOutputIsReportedBeforeComputingNamingTheTarget() throws IOException {
        Path model = tinyModel();
        Path blocked = model.resolve("curve.json"); // a path "inside" a regular file
        long t0 = System.nanoTime();
        Outcome o = run("match", "--a", model.toString(), "--b", model.toString(), "--out", blocked.toString(), "-q");
        assertThat(o.code()).isEqualTo(Cli.USER_ERROR);
        assertThat(o.err()).startsWith("lmcx: --out " + blocked).contains("is a file, not a folder")
                .doesNotContain(".tmp");
        assertThat((System.nanoTime() - t0) / 1e9).as("refused before loading anything").isLessThan(5);
        Outcome folder = run("match", "--a", model.toString(), "--b", model.toString(), "--out", dir.toString(), "-q");
        assertThat(folder.err()).contains("is a folder, not a file");
        Outcome export = run("export", "--session", dir.resolve("s.json").toString(), "--out", model.toString());
        assertThat(export.code()).isEqualTo(Cli.USER_ERROR);
        assertThat(export.err()).contains("--out", "is a file, not a folder");
    }

    @Test
    void staleTemporariesOfTheSameTargetAreRemovedOnTheNextWrite() throws IOException {
        Path target = dir.resolve("perm.json");
        Path stale = Files.writeString(dir.resolve(".perm.json.1234abcd.tmp"), "left by kill -9");
        Path other = Files.writeString(dir.resolve(".other.json.1234abcd.tmp"), "not ours");
        AtomicFiles.write(target, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(stale).doesNotExist();
        assertThat(other).exists();
        assertThat(target).hasContent("{}");
    }

    @Test
    void writeErrorsNameTheTargetNotTheTemporary() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> AtomicFiles.write(file.resolve("out.json"), new byte[1]))
                .isInstanceOf(IOException.class).hasMessageStartingWith(file.resolve("out.json").toString())
                .hasMessageNotContaining(".tmp");
    }

    /** An interrupted folder write leaves the complete previous folder; a finished one the complete new one. */
    @Test
    void folderIsReplacedWholeOrNotAtAll() throws IOException {
        Path out = dir.resolve("charts");
        AtomicFiles.writeDirectory(out, tmp -> Files.writeString(tmp.resolve("a.png"), "old"));
        assertThatThrownBy(() -> AtomicFiles.writeDirectory(out, tmp -> {
            Files.writeString(tmp.resolve("b.png"), "half");
            throw new IOException("interrupted");
        })).isInstanceOf(IOException.class);
        assertThat(out.resolve("a.png")).hasContent("old");
        assertThat(out.resolve("b.png")).doesNotExist();
        AtomicFiles.writeDirectory(out, tmp -> Files.writeString(tmp.resolve("c.png"), "new"));
        try (var s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("c.png");
        }
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
