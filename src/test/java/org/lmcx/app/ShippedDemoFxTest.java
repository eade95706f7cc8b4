package org.lmcx.app;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first launch (no workspace file yet): the demo opens with its shipped identity and WM runs shown from the
 * file, no run job is submitted for them, and only the background verification recomputes them.
 */
@Tag("slow")
@ExtendWith(ApplicationExtension.class)
class ShippedDemoFxTest {

    private AppWindow window;
    private MainViewModel vm;
    private MainView view;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        window = new AppWindow(stage, "org/lmcx/app/test-recent", 1240, 780);
        vm = window.vm;
        view = window.view;
    }

    @AfterEach
    void tearDown() {
        window.close();
    }

    @Test
    void firstLaunchShowsTheShippedRunsAndOnlyVerifiesThem(FxRobot robot) throws Exception {
        Path workspace = tmp.resolve("fresh").resolve("workspace.json");
        List<String> submitted = new ArrayList<>();
        robot.interact(() -> {
            vm.tasks().jobs().addListener((javafx.collections.ListChangeListener<FxJob>) c -> {
                while (c.next()) {
                    c.getAddedSubList().forEach(j -> submitted.add(j.name()));
                }
            });
            vm.session().persistTo(workspace);
            vm.session().restoreWorkspace(view::openDemo);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.runs().shownPairs().size() == 2);
        List<String> shown = new ArrayList<>();
        robot.interact(() -> vm.runs().shownPairs().forEach(r -> shown.add(r.run().key().method())));
        assertThat(shown).containsExactlyInAnyOrder("identity", "wm");
        List<String> before = List.copyOf(submitted);
        assertThat(before).as("jobs before the runs were shown").noneMatch(n -> n.contains("seed"));

        // The keys this install computes for the demo equal the shipped ones: Run reuses them, computes nothing.
        List<FxJob> again = new ArrayList<>();
        robot.interact(() -> again.addAll(vm.runs().run()));
        assertThat(again).hasSize(2).allMatch(j -> "cached result reused".equals(j.messageProperty().get()));

        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> submitted.stream()
                .anyMatch(n -> n.startsWith("verify")) && vm.tasks().jobs().stream().allMatch(FxJob::isDone));
        assertThat(submitted.stream().filter(n -> n.startsWith("verify")).count()).isEqualTo(1);
        // This install reproduces the shipped results: nothing was replaced, no message.
        assertThat(vm.lastErrorProperty().get()).isNull();
        assertThat(vm.runs().all()).hasSize(2);
    }
}
