package org.lmcx.study;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.cli.Cli;
import org.lmcx.task.Cancellation;
import org.lmcx.task.CancelledException;
import org.lmcx.task.Monitor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Engine behaviour on a real (tiny, trained) study; slow-tagged: it trains four models and runs ~10 cells. */
@Tag("slow")
class LocalEngineTest {

    @TempDir
    Path dir;

    @Test
    void aStudyCutShortResumesWithOnlyTheUnfinishedCells() throws Exception {
        Path plan = TinyStudy.plan(dir, "resume", dir.resolve("models"), "[{name: identity}, {name: wm}]");
        Study study = Study.load(plan);
        assertThat(study.cells()).hasSize(4);
        // cancel as soon as the first cell has been stored, as Ctrl-C does
        Cancellation cancel = new Cancellation();
        Monitor stopAfterFirst = new Monitor((f, msg) -> {
            if (msg.startsWith("cells ")) {
                cancel.cancel();
            }
        }, cancel);
        assertThatThrownBy(() -> LocalEngine.run(study, 1, false, stopAfterFirst))
                .isInstanceOf(CancelledException.class);
        List<Cell> left = study.unfinished();
        int finished = 4 - left.size();
        assertThat(finished).isBetween(1, 3);
        Map<Path, FileTime> stamps = stamps(study);
        assertThat(stamps).hasSize(finished);
        try (Stream<Path> cells = Files.list(study.folder().cellsDir())) {
            assertThat(cells.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        }

        LocalEngine.Report again = LocalEngine.run(Study.load(plan), 1, false, Monitor.NONE);
        assertThat(again.skipped()).isEqualTo(finished);
        assertThat(again.ran()).isEqualTo(4 - finished);
        assertThat(again.failed()).isEmpty();
        stamps.forEach((f, t) -> assertThat(mtime(f)).as("finished cell %s untouched", f).isEqualTo(t));
        assertThat(Study.load(plan).unfinished()).isEmpty();
    }

    @Test
    void changingThePlanRunsOnlyTheNewCellsAndIndicesAreDeterministic() throws Exception {
        Path models = dir.resolve("models");
        Path plan = TinyStudy.plan(dir, "change", models, "[{name: wm}]");
        Study first = Study.load(plan);
        assertThat(LocalEngine.run(first, 2, false, Monitor.NONE).ran()).isEqualTo(2);
        assertThat(Study.load(plan).cells()).isEqualTo(first.cells());

        TinyStudy.plan(dir, "change", models, "[{name: wm}, {name: wm, options: {max_iter: 1}}]");
        Study changed = Study.load(plan);
        assertThat(changed.cells()).hasSize(4);
        LocalEngine.Report r = LocalEngine.run(changed, 2, false, Monitor.NONE);
        assertThat(r.skipped()).isEqualTo(2);
        assertThat(r.ran()).isEqualTo(2);
        Summary s = Summary.of(changed);
        assertThat(s.cellsFinished()).isEqualTo(4);
        assertThat(s.find(SummaryRow.METRIC, "16", "wm", Metrics.LOSS_BARRIER).n()).isEqualTo(2);
    }

    @Test
    void aPlanWithAMissingModelIsRefusedBeforeAnythingRuns() throws Exception {
        Path plan = dir.resolve("missing.yaml");
        Files.writeString(plan, """
                data: {dir: %s}
                architectures:
                  - {name: mlp, widths: [64], models: "nowhere/mlp_w{width}_s{seed}.safetensors"}
                seeds: [0, 1]
                methods: [{name: wm}]
                """.formatted(TinyStudy.DATA));
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[]{"study", "run", plan.toString(), "-q"}, new PrintWriter(err, true));
        assertThat(code).isEqualTo(Cli.USER_ERROR);
        assertThat(err.toString()).contains(dir.resolve("nowhere/mlp_w64_s0.safetensors").toString())
                .contains("not found");
        assertThat(dir.resolve("missing-study")).doesNotExist();
    }

    private static Map<Path, FileTime> stamps(Study s) throws Exception {
        Map<Path, FileTime> m = new HashMap<>();
        try (var files = Files.list(s.folder().cellsDir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                m.put(f, mtime(f));
            }
        }
        return m;
    }

    private static FileTime mtime(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
