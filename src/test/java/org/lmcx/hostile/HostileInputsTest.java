package org.lmcx.hostile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.cli.Cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The crafted inputs of issue 11, through the real command line in-process: each is a user error (exit 2)
 * with one line naming the file or flag and the problem, refused quickly and before any large allocation.
 * Before the fixes these were wrong numbers with exit 0, OOM traces, hangs or "internal error".
 */
@Tag("slow")
class HostileInputsTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void corpus() throws Exception {
        HostileCorpus.write(dir);
    }

    private static String f(String name) {
        return dir.resolve(name).toString();
    }

    private static String[] pair(String... more) {
        String[] base = {"--a", f("tiny_a.safetensors"), "--b", f("tiny_b.safetensors"), "--data", f("data_ok"), "-q"};
        String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    private static String[] cmd(String command, String... args) {
        String[] out = new String[args.length + 1];
        out[0] = command;
        System.arraycopy(args, 0, out, 1, args.length);
        return out;
    }

    /** Runs with a 60 s bound (the slowest case took 47 s and 1.6 GB before) and checks one exit-2 line. */
    private static void refused(String[] args, String... mustContain) {
        StringWriter err = new StringWriter();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run(args, new PrintWriter(err, true)));
        String text = err.toString().strip();
        assertThat(code).as(text).isEqualTo(Cli.USER_ERROR);
        assertThat(text.lines().count()).as(text).isEqualTo(1);
        assertThat(text).doesNotContain("Exception", "\tat ", ".tmp");
        for (String s : mustContain) {
            assertThat(text).contains(s);
        }
    }

    @Test
    void sizesFromFilesAreCheckedBeforeAllocating() {
        refused(cmd("check-spec", f("tiny_a.safetensors"), "--arch", f("res10k.arch.json")), "layers (limit");
        refused(cmd("check-spec", f("res10k_meta.safetensors")), "res10k_meta.safetensors", "layers (limit");
        refused(cmd("check-spec", f("conv_million.safetensors"), "--arch", f("conv_million.arch.json"), "--max-memory",
                "2g"), "conv_million.safetensors", "needs ~", "set with --max-memory");
        refused(cmd("info", f("million_tensors.safetensors")), "million_tensors.safetensors", "more than 100000 tensors");
        refused(cmd("info", f("tiny_a.safetensors"), "--arch", f("input_overflow.arch.json")), "tiny_a.safetensors",
                "[16, 7, 268435463]");
    }

    @Test
    void sizesFromFlagsAreCheckedAgainstTheBudget() {
        refused(cmd("interpolate", pair("--lambdas", "1000000000", "--max-memory", "1g")), "1000000000 λ points",
                "limit 1.0 GB (set with --max-memory)");
        refused(cmd("landscape", pair("--grid", "100000")), "landscape grid 100000×100000", "needs ~");
    }

    @Test
    void inputsThatWouldGiveWrongNumbersAreRefused() {
        refused(cmd("info", f("int_weight.safetensors"), "--arch", f("mlp.arch.json")), "int_weight.safetensors",
                "\"fc1.weight\" is stored as I32");
        refused(cmd("info", f("dup_key.safetensors")), "dup_key.safetensors", "Duplicate field 'fc2.bias'");
        refused(cmd("info", f("overlap.safetensors")), "overlap.safetensors", "overlap");
        refused(cmd("interpolate", pair("--test-size", "0")), "--test-size 0");
        refused(cmd("interpolate", pair("--train-size", "-5")), "--train-size -5");
        refused(cmd("interpolate", "--a", f("tiny_a.safetensors"), "--b", f("tiny_b.safetensors"), "--data",
                f("data_empty"), "-q"), "data_empty", "holds no images");
        refused(cmd("interpolate", pair("--range=-Infinity,Infinity")), "--range", "finite");
        refused(cmd("interpolate", "--a", f("cnn.safetensors"), "--b", f("cnn.safetensors"), "--arch",
                f("bn_eps_negative.arch.json"), "--data", f("data_ok"), "-q"), "cnn.safetensors", "eps");
        refused(cmd("match", "--a", f("cnn.safetensors"), "--b", f("cnn.safetensors"), "--arch",
                f("bn_key_twice.arch.json"), "-q"), "cnn.safetensors", "\"1.weight\" is used by two layers");
        refused(cmd("match", "--a", f("tiny_a.safetensors"), "--b", f("tiny_b.safetensors"), "--method", "sinkhorn",
                "-O", "iteration=5", "-q"), "\"iteration\"", "did you mean iterations");
    }

    @Test
    void crashesBecomeUserErrors() {
        refused(cmd("interpolate", "--a", f("cnn.safetensors"), "--b", f("cnn.safetensors"), "--arch",
                f("conv_stride0.arch.json"), "--data", f("data_ok"), "-q"), "cnn.safetensors", "stride");
        refused(cmd("interpolate", "--a", f("cnn.safetensors"), "--b", f("cnn.safetensors"), "--arch",
                f("pool_stride0.arch.json"), "--data", f("data_ok"), "-q"), "cnn.safetensors", "stride");
        refused(cmd("interpolate", "--a", f("tiny_a.safetensors"), "--b", f("tiny_b.safetensors"), "--data",
                f("data_32x32"), "-q"), "[1, 32, 32]", "do not fit the input");
        refused(cmd("interpolate", "--a", f("tiny_a.safetensors"), "--b", f("tiny_b.safetensors"), "--data",
                f("data_bad_label"), "-q"), "labels-idx1-ubyte", "label 200 at index 5");
    }

    @Test
    void serializedPayloadsAreRefusedByName() {
        refused(cmd("info", f("dl4j_urldns.zip")), "dl4j_urldns.zip", "\"preprocessor.bin\"");
        refused(cmd("info", f("dl4j_hashset_bomb.zip")), "dl4j_hashset_bomb.zip", "\"preprocessor.bin\"");
        refused(cmd("info", f("dl4j_normalizer.zip")), "dl4j_normalizer.zip", "\"normalizer.bin\"");
    }
}
