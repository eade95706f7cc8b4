package org.lmcx.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.Fixtures;
import org.lmcx.TestModels;
import org.lmcx.io.ModelWriter;
import org.lmcx.model.Model;
import org.lmcx.model.Tensor;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every user error ends the command with exit code 2 and exactly one line on stderr that names the file and
 * the problem: no stack trace, nothing half-written.
 */
class BadInputTest {

    @TempDir
    static Path dir;
    static Path good;

    @BeforeAll
    static void models() throws IOException {
        good = dir.resolve("good.safetensors");
        ModelWriter.write(TestModels.random(TestModels.mlp(), 1), good);
    }

    record Outcome(int code, String err) {
    }

    static Outcome run(String... args) {
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(err, true));
        return new Outcome(code, err.toString());
    }

    static void assertOneLineError(Outcome o, String... mustContain) {
        assertThat(o.code()).isEqualTo(Cli.USER_ERROR);
        String text = o.err().strip();
        assertThat(text.lines().count()).as(text).isEqualTo(1);
        assertThat(text).doesNotContain("Exception", "\tat ");
        for (String s : mustContain) {
            assertThat(text).contains(s);
        }
    }

    @Test
    void missingFile() {
        assertOneLineError(run("info", dir.resolve("nope.safetensors").toString()), "nope.safetensors");
    }

    @Test
    void corruptFile() throws IOException {
        Path f = dir.resolve("corrupt.safetensors");
        Files.write(f, "this is not a checkpoint at all, just some text".getBytes(StandardCharsets.UTF_8));
        assertOneLineError(run("info", f.toString()), "corrupt.safetensors");
    }

    @Test
    void truncatedFile() throws IOException {
        Path f = dir.resolve("truncated.safetensors");
        byte[] all = Files.readAllBytes(good);
        Files.write(f, Arrays.copyOf(all, all.length - 100));
        assertOneLineError(run("info", f.toString()), "truncated.safetensors");
    }

    @Test
    void oversizedHeader() throws IOException {
        Path f = dir.resolve("huge.safetensors");
        byte[] b = new byte[64];
        b[4] = 1; // header length 2^32
        Files.write(f, b);
        assertOneLineError(run("info", f.toString()), "huge.safetensors");
    }

    @Test
    void nanWeights() throws IOException {
        Model m = TestModels.random(TestModels.mlp(), 2);
        Tensor t = m.tensor("fc1.weight");
        float[] d = t.data().clone();
        d[3] = Float.NaN;
        Path f = dir.resolve("nan.safetensors");
        ModelWriter.write(m.withTensors("nan", Map.of("fc1.weight", t.withData(d))), f);
        assertOneLineError(run("info", f.toString()), "nan.safetensors", "NaN");
    }

    @Test
    void mismatchedArchitectures() throws IOException {
        Path other = dir.resolve("other.safetensors");
        ModelWriter.write(TestModels.random(TestModels.convBn(), 3), other);
        assertOneLineError(run("match", "--a", good.toString(), "--b", other.toString(), "-q"), "good.safetensors",
                "other.safetensors");
    }

    @Test
    void descriptorThatDoesNotFitTheTensors() throws IOException {
        Path arch = dir.resolve("wrong.arch.json");
        Files.writeString(arch, "{\"family\":\"mlp\",\"input\":[1,6,6],\"widths\":[99],\"classes\":5}");
        assertOneLineError(run("info", good.toString(), "--arch", arch.toString()), "good.safetensors");
    }

    @Test
    void missingDataset() {
        Path missing = dir.resolve("no-such-data");
        assertOneLineError(run("interpolate", "--a", good.toString(), "--b", good.toString(), "--data",
                missing.toString(), "-q"), "no-such-data");
    }

    @Test
    void unknownMethod() {
        assertOneLineError(run("match", "--a", good.toString(), "--b", good.toString(), "--method", "magic", "-q"),
                "magic");
    }

    @Test
    void checkSpecSucceedsOnFixture() {
        assertThat(run("check-spec", Fixtures.shared("torch_mlp_small_s7.safetensors").toString()).code())
                .isZero();
    }
}
