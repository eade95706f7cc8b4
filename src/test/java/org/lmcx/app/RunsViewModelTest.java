package org.lmcx.app;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lmcx.Fixtures;
import org.lmcx.task.JobHandle;
import org.lmcx.task.SameThreadTaskService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs belong to their models: a second pair never shows the first pair's runs in any view model, the first
 * pair's runs come back when it is reopened, and re-running with another seed keeps both runs, labelled.
 */
@Tag("slow")
class RunsViewModelTest {

    private final List<String> errors = new ArrayList<>();

    private MainViewModel newVm() {
        MainViewModel m = new MainViewModel(new FxTaskAdapter(new SameThreadTaskService(), Runnable::run),
                new SameThreadTaskService(), null);
        m.setErrorSink(errors::add);
        m.models().dataDirProperty().set(Fixtures.requireFashionMnist().toString());
        m.models().trainSizeProperty().set(300);
        m.models().testSizeProperty().set(300);
        m.models().previewSizeProperty().set(300);
        m.models().lambdaPointsProperty().set(3);
        return m;
    }

    private static void only(MainViewModel m, String... names) {
        List<String> keep = List.of(names);
        m.runs().methods().forEach(mc -> mc.enabledProperty().set(keep.contains(mc.name())));
    }

    private static Path withDescriptor(String name) throws Exception {
        Path d = Files.createTempDirectory("lmcx-bn");
        Path f = d.resolve(name);
        Files.copy(Fixtures.shared(name), f);
        try (var in = RunsViewModelTest.class.getResourceAsStream("/fixtures/torch_cnn_bn.arch.json")) {
            Files.copy(in, d.resolve(name + ".arch.json"));
        }
        return f;
    }

    private static void openMlps(MainViewModel vm) {
        vm.models().openModel(0, Fixtures.shared("torch_mlp_small_s7.safetensors"));
        vm.models().openModel(1, Fixtures.shared("torch_mlp_small_s8.safetensors"));
    }

    /** Every run any view model offers for drawing or choosing, for the "never mixed" checks. */
    private static List<RunRow> everythingShown(MainViewModel vm) {
        List<RunRow> out = new ArrayList<>(vm.runs().shownPairs());
        out.addAll(vm.runs().shownThree());
        out.addAll(vm.preview().choices());
        if (vm.preview().pathProperty().get() != null) {
            out.add(vm.preview().pathProperty().get());
        }
        return out;
    }

    @Test
    void aSecondPairNeverShowsTheFirstPairsRunsAndReopeningBringsThemBack() throws Exception {
        MainViewModel vm = newVm();
        openMlps(vm);
        only(vm, "identity", "wm");
        assertThat(vm.runs().run()).hasSize(2).allMatch(j -> j.getState() == JobHandle.State.SUCCEEDED);
        String mlpSet = vm.models().open().id();
        assertThat(everythingShown(vm)).isNotEmpty().allMatch(r -> r.run().key().modelSetId().equals(mlpSet));
        vm.preview().lambdaProperty().set(0.3);
        assertThat(vm.preview().readoutLossProperty().get()).isFinite();

        vm.models().openModel(0, withDescriptor("torch_cnn_bn_s7.safetensors"));
        vm.models().openModel(1, withDescriptor("torch_cnn_bn_s8.safetensors"));
        String cnnSet = vm.models().open().id();
        assertThat(cnnSet).isNotEqualTo(mlpSet);
        // Nothing of the MLP pair is offered anywhere, and the readout says why it is empty instead of a number.
        assertThat(everythingShown(vm)).isEmpty();
        assertThat(vm.preview().pathProperty().get()).isNull();
        assertThat(vm.preview().readoutLossProperty().get()).isNaN();
        assertThat(vm.preview().emptyReasonProperty().get()).isEqualTo(PreviewViewModel.NO_RUN);
        assertThat(vm.preview().readoutProperty().get()).isEqualTo(PreviewViewModel.NO_RUN);
        assertThat(vm.preview().spectrumProperty().get()).isNull();
        assertThat(vm.landscape().gridProperty().get()).isNull();
        // The workspace still holds them.
        assertThat(vm.runs().all()).hasSize(2);

        only(vm, "wm");
        assertThat(vm.runs().run()).hasSize(1).allMatch(j -> j.getState() == JobHandle.State.SUCCEEDED);
        assertThat(everythingShown(vm)).isNotEmpty().allMatch(r -> r.run().key().modelSetId().equals(cnnSet));
        assertThat(vm.preview().pathProperty().get().run().key().modelSetId()).isEqualTo(cnnSet);

        openMlps(vm);
        assertThat(vm.runs().shownPairs()).extracting(RunRow::label).containsExactly("identity · seed 0", "wm · seed 0");
        assertThat(everythingShown(vm)).allMatch(r -> r.run().key().modelSetId().equals(mlpSet));
        assertThat(vm.preview().pathProperty().get().label()).isEqualTo("wm · seed 0");
        assertThat(vm.runs().all()).hasSize(3);
    }

    @Test
    void anotherSeedKeepsBothRunsLabelledAndTicked() {
        MainViewModel vm = newVm();
        openMlps(vm);
        only(vm, "wm");
        vm.runs().run();
        vm.runs().seedProperty().set(1);
        List<FxJob> second = vm.runs().run();
        assertThat(second).hasSize(1).noneMatch(j -> j.messageProperty().get().contains("cached"));
        assertThat(vm.runs().shownPairs()).extracting(RunRow::label).containsExactly("wm · seed 0", "wm · seed 1");
        assertThat(vm.runs().shownPairs()).extracting(r -> r.run().key().seed()).containsExactly(0L, 1L);
        // The slider follows the newest run of the method; unticking a run takes it out of the drawn set only.
        assertThat(vm.preview().pathProperty().get().label()).isEqualTo("wm · seed 1");
        vm.runs().shownPairs().get(0).shownProperty().set(false);
        assertThat(vm.runs().shownPairs()).extracting(RunRow::label).containsExactly("wm · seed 1");
        assertThat(vm.runs().currentPairs()).hasSize(2);
        // Deleting the run under the slider moves the slider to the other one.
        vm.runs().delete(List.of(vm.preview().pathProperty().get()));
        assertThat(vm.runs().all()).hasSize(1);
        assertThat(vm.preview().pathProperty().get().label()).isEqualTo("wm · seed 0");
        assertThat(errors).isEmpty();
    }

    @Test
    void theWorkspaceIsSavedAsRunsChangeReopensAsItWasAndNewWorkspaceEmptiesIt() throws Exception {
        Path file = Files.createTempDirectory("lmcx-ws").resolve("sub").resolve("workspace.json");
        MainViewModel vm = newVm();
        vm.session().persistTo(file);
        openMlps(vm);
        only(vm, "wm");
        vm.runs().run();
        vm.runs().seedProperty().set(3);
        vm.runs().run();
        assertThat(file).isRegularFile();

        MainViewModel relaunched = newVm();
        relaunched.session().persistTo(file);
        boolean[] fallback = {false};
        relaunched.session().restoreWorkspace(() -> fallback[0] = true);
        assertThat(fallback[0]).isFalse();
        assertThat(relaunched.models().open()).isNotNull();
        assertThat(relaunched.runs().shownPairs()).extracting(RunRow::label)
                .containsExactly("wm · seed 0", "wm · seed 3");
        assertThat(relaunched.runs().seedProperty().get()).isEqualTo(3);
        relaunched.preview().lambdaProperty().set(0.0);
        assertThat(relaunched.preview().readoutLossProperty().get()).isFinite();

        relaunched.session().newWorkspace();
        assertThat(relaunched.runs().all()).isEmpty();
        assertThat(relaunched.models().open()).isNull();
        MainViewModel third = newVm();
        third.session().persistTo(file);
        third.session().restoreWorkspace(() -> fallback[0] = true);
        assertThat(third.runs().all()).isEmpty();
        assertThat(fallback[0]).isFalse();

        // No workspace file: the caller's fallback (the app opens the demo) runs.
        MainViewModel fresh = newVm();
        fresh.session().persistTo(file.resolveSibling("none.json"));
        fresh.session().restoreWorkspace(() -> fallback[0] = true);
        assertThat(fallback[0]).isTrue();
    }

    @Test
    void aSessionWithRunsOfDifferentSeedsAndOptionsReopensWithEachRunsOwnSettings() {
        MainViewModel vm = newVm();
        openMlps(vm);
        only(vm, "wm");
        vm.runs().run();
        vm.runs().seedProperty().set(2);
        vm.runs().methods().stream().filter(m -> m.name().equals("wm")).findFirst().orElseThrow()
                .optionsProperty().set("max_iter=1");
        vm.runs().run();
        String json = org.lmcx.session.SessionJson.toJson(vm.session().toSession());

        MainViewModel other = newVm();
        other.session().applySession(org.lmcx.session.SessionJson.fromJson(json, "test"));
        List<org.lmcx.session.RunKey> keys = other.runs().shownPairs().stream().map(r -> r.run().key()).toList();
        assertThat(keys).extracting(org.lmcx.session.RunKey::seed).containsExactly(0L, 2L);
        assertThat(keys).extracting(k -> k.options().get("max_iter")).containsExactly("100", "1");
        // Shown together, the labels say what differs.
        assertThat(RunsViewModel.labels(other.runs().shownPairs()))
                .containsExactly("wm · seed 0 · max_iter=100", "wm · seed 2 · max_iter=1");
        // The Methods panel comes back as it was for the next run, not as the runs' settings.
        assertThat(other.runs().seedProperty().get()).isEqualTo(2);
        assertThat(other.runs().methods().stream().filter(m -> m.name().equals("wm")).findFirst().orElseThrow()
                .optionsProperty().get()).isEqualTo("max_iter=1");
        // Same key as a stored run: reused, not recomputed.
        assertThat(other.runs().run()).hasSize(1).allMatch(j -> j.messageProperty().get().contains("cached"));
    }
}
