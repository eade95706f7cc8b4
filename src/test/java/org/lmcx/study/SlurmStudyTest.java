package org.lmcx.study;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.cli.Cli;
import org.lmcx.task.Monitor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Slurm engine on a real cluster: {@code .ci/slurm-up.sh} starts one on localhost in CI. The same tiny plan
 * runs through {@code lmcx study submit --slurm --wait} (a job array whose tasks start new JVMs running
 * {@code lmcx study cell}) and through the local engine; their summaries must agree. Skipped on a developer
 * machine without {@code sbatch}; in CI ({@code CI=true}) a missing Slurm is a failure.
 */
@Tag("slurm")
@Tag("slow")
class SlurmStudyTest {

    @TempDir
    Path dir;

    @Test
    void slurmJobArrayGivesTheLocalEnginesSummary() throws Exception {
        boolean slurm = onPath("sbatch");
        if (!slurm && "true".equals(System.getenv("CI"))) {
            fail("CI must run the Slurm test: sbatch not found (.ci/slurm-up.sh starts a one-node cluster)");
        }
        Assumptions.assumeTrue(slurm, "no sbatch on this machine");
        Path models = dir.resolve("models");
        String methods = "[{name: identity}, {name: wm}]";
        Path local = TinyStudy.plan(dir, "local", models, methods);
        Path cluster = TinyStudy.plan(dir, "cluster", models, methods);

        // Tasks run one thread each (--cpus-per-task 1); the local engine gets the same per worker.
        LocalEngine.run(Study.load(local), Runtime.getRuntime().availableProcessors(), false, Monitor.NONE);
        Summary expected = Summary.of(Study.load(local));

        StringWriter err = new StringWriter();
        int code = Cli.run(new String[]{"study", "submit", cluster.toString(), "--slurm", "--wait",
                "--cpus-per-task", "1", "--mem", "1500M", "--time", "00:10:00", "--launcher", launcher()},
                new PrintWriter(err, true));
        Study done = Study.load(cluster);
        assertThat(code).as("submit exit code; stderr: %s; logs: %s", err, logs(done)).isZero();
        assertThat(done.unfinished()).isEmpty();
        assertThat(done.finishedResults()).allSatisfy(r -> assertThat(r.host()).isNotEqualTo("local"));
        Summary actual = Summary.of(done);

        assertThat(actual.cellsFinished()).isEqualTo(expected.cellsFinished()).isEqualTo(4);
        assertThat(actual.rows()).hasSameSizeAs(expected.rows());
        for (int i = 0; i < expected.rows().size(); i++) {
            SummaryRow e = expected.rows().get(i);
            SummaryRow a = actual.rows().get(i);
            assertThat(List.of(a.kind(), a.architecture(), a.width(), a.method(), a.metric(), a.n(), a.test()))
                    .isEqualTo(List.of(e.kind(), e.architecture(), e.width(), e.method(), e.metric(), e.n(), e.test()));
            // Same cells, same seeds, same code; the two processes may still round float32 reductions differently
            // (the Taylor estimate's finite-difference Hessian turns that into ~1e-5), hence 1e-4 (relative above 1).
            assertClose(a.mean(), e.mean(), e);
            assertClose(a.std(), e.std(), e);
            assertClose(a.pValue(), e.pValue(), e);
        }
        assertThat(Files.readString(done.folder().summaryCsv())).startsWith(String.join(",", Summary.COLUMNS));
    }

    private static void assertClose(double a, double e, SummaryRow row) {
        if (Double.isNaN(e)) {
            assertThat(a).as("%s", row).isNaN();
        } else {
            assertThat(Math.abs(a - e)).as("%s: slurm %s vs local %s", row, a, e)
                    .isLessThanOrEqualTo(1e-4 * Math.max(1, Math.abs(e)));
        }
    }

    /** This JVM with the test class path (Surefire's own class path property when it has one). */
    private static String launcher() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = ProcessHandle.current().info().command().orElse("java");
        return java + " -cp " + cp + " org.lmcx.Launcher";
    }

    private static String logs(Study s) throws Exception {
        Path d = s.folder().slurmDir().resolve("logs");
        if (!Files.isDirectory(d)) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(d)) {
            for (Path f : files.toList()) {
                b.append("\n--- ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
        }
        return b.toString();
    }

    private static boolean onPath(String cmd) {
        for (String p : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator, -1)) {
            if (Files.isExecutable(Path.of(p, cmd))) {
                return true;
            }
        }
        return false;
    }
}
