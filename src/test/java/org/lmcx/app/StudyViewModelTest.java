package org.lmcx.app;

import org.junit.jupiter.api.Test;
import org.lmcx.study.SummaryRow;
import org.lmcx.task.JobHandle;
import org.lmcx.task.SameThreadTaskService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Study tab's view model on the bundled study: its rows are those of the study's own summary.csv, the width
 * filter keeps only that width, and choosing a cell puts exactly that cell's model files into the slots.
 */
class StudyViewModelTest {

    private static final Path STUDY = Path.of("assets/study-demo");

    private final List<String> errors = new ArrayList<>();

    private MainViewModel openedStudy() {
        MainViewModel vm = new MainViewModel(new FxTaskAdapter(new SameThreadTaskService(), Runnable::run),
                new SameThreadTaskService(), null);
        vm.setErrorSink(errors::add);
        FxJob job = vm.study().open(STUDY);
        assertThat(errors).isEmpty();
        assertThat(job.getState()).isEqualTo(JobHandle.State.SUCCEEDED);
        return vm;
    }

    @Test
    void rowsAreThoseOfTheStudysSummaryCsv() throws Exception {
        StudyViewModel study = openedStudy().study();
        List<String> csv = Files.readAllLines(STUDY.resolve("results/summary.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        assertThat(study.rows()).hasSize(csv.size() - 1);
        // Every row's group, quantity, n and mean agree with the file's row at the same position.
        for (int i = 0; i < study.rows().size(); i++) {
            String[] f = csv.get(i + 1).split(",", -1);
            SummaryRow r = study.rows().get(i);
            assertThat(List.of(r.kind(), r.architecture(), r.width(), r.method(), r.metric()))
                    .isEqualTo(List.of(f[0], f[1], f[2], f[3], f[4]));
            assertThat(r.n()).isEqualTo(Integer.parseInt(f[header.indexOf("n")]));
            String mean = f[header.indexOf("mean")];
            if (!mean.isEmpty()) {
                assertThat(r.mean()).isCloseTo(Double.parseDouble(mean), within(1e-12));
            }
        }
        assertThat(study.cells()).hasSize(64);
        assertThat(study.figures()).isNotEmpty().allMatch(p -> p.toString().endsWith(".png"));
        assertThat(study.titleProperty().get()).contains("64 of 64 cells finished");
    }

    @Test
    void theWidthFilterKeepsOnlyThatWidthAndClearingItRestoresAll() {
        StudyViewModel study = openedStudy().study();
        int all = study.rows().size();
        assertThat(study.widthFilter().values()).containsExactly("32", "64", "128", "256");
        study.widthFilter().chosenProperty().set("64");
        assertThat(study.rows()).isNotEmpty().hasSizeLessThan(all).allMatch(r -> r.width().equals("64"));
        assertThat(study.allRows().stream().filter(r -> r.width().equals("64"))).hasSize(study.rows().size());
        study.methodFilter().chosenProperty().set("wm");
        assertThat(study.rows()).isNotEmpty().allMatch(r -> r.width().equals("64") && r.method().equals("wm"));
        study.widthFilter().chosenProperty().set(null);
        study.methodFilter().chosenProperty().set(null);
        assertThat(study.rows()).hasSize(all);
    }

    @Test
    void choosingACellPutsItsModelFilesIntoTheSlots() {
        MainViewModel vm = openedStudy();
        StudyViewModel.CellRow triple = vm.study().cells().stream()
                .filter(r -> r.cell().models().size() == 3 && r.cell().width().equals("32")).findFirst().orElseThrow();
        vm.study().openCell(triple);
        assertThat(errors).isEmpty();
        for (int i = 0; i < 3; i++) {
            assertThat(vm.models().slot(i).pathProperty().get()).isEqualTo(triple.cell().models().get(i));
        }
        assertThat(triple.cell().models().get(2).getFileName().toString()).isEqualTo("mlp_w32_s2.safetensors");

        StudyViewModel.CellRow pair = vm.study().cells().stream()
                .filter(r -> r.cell().models().size() == 2 && r.cell().width().equals("64")).findFirst().orElseThrow();
        vm.study().openCell(pair);
        assertThat(vm.models().slot(0).pathProperty().get()).isEqualTo(pair.cell().models().get(0));
        assertThat(vm.models().slot(1).pathProperty().get()).isEqualTo(pair.cell().models().get(1));
        assertThat(vm.models().slot(2).getModel()).isNull();
        // Both slots hold models of one architecture, so the pair is open and its runs can show in the views.
        assertThat(vm.models().open()).isNotNull();
        assertThat(vm.models().open().pathB()).isEqualTo(pair.cell().models().get(1));
        assertThat(vm.models().dataDirProperty().get()).endsWith("demo" + java.io.File.separator + "data");
    }
}
