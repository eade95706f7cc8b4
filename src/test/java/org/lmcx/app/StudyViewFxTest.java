package org.lmcx.app;

import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Study tab in the window, with real threads: opening the bundled study fills the table, the figure list
 * and the cells off the FX thread, and the Open models button puts the selected cell's files into the slots.
 */
@ExtendWith(ApplicationExtension.class)
class StudyViewFxTest {

    private AppWindow window;
    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) {
        window = new AppWindow(stage, "org/lmcx/app/test-recent-study", 1280, 900);
        vm = window.vm;
        view = window.view;
        vm.setErrorSink(m -> { });
    }

    @AfterEach
    void tearDown() {
        window.close();
    }

    @Test
    void openingTheDemoStudyFillsTheTabAndOpenModelsLoadsTheSelectedCell(FxRobot robot) throws Exception {
        robot.interact(() -> view.openStudy(Path.of("assets/study-demo")));
        TableView<?> table = robot.lookup("#study-summary-table").queryAs(TableView.class);
        // The snapshot is applied in one FX-thread call (rows, then cells, then figures): wait until that call is
        // over, not just until its first list changed.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.tabs().getSelectionModel().getSelectedItem().getText()).isEqualTo("Study");
        assertThat(table.getItems()).hasSize(vm.study().allRows().size());
        assertThat(robot.lookup("#study-figures").queryAs(ListView.class).getItems().isEmpty()).isFalse();

        @SuppressWarnings("unchecked")
        ListView<StudyViewModel.CellRow> cells = robot.lookup("#study-cells").queryAs(ListView.class);
        StudyViewModel.CellRow pair = cells.getItems().stream()
                .filter(r -> r.cell().models().size() == 2 && r.cell().width().equals("128")).findFirst()
                .orElseThrow();
        robot.interact(() -> cells.getSelectionModel().select(pair));
        robot.clickOn("#study-open-cell");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.models().open() != null);
        assertThat(vm.models().open().pathA()).isEqualTo(pair.cell().models().get(0));
        assertThat(vm.models().open().pathB()).isEqualTo(pair.cell().models().get(1));
    }
}
