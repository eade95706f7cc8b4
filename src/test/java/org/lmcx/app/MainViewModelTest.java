package org.lmcx.app;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lmcx.Fixtures;
import org.lmcx.analysis.Interpolation;
import org.lmcx.analysis.ThreeModels;
import org.lmcx.io.CheckpointLoader;
import org.lmcx.io.ModelWriter;
import org.lmcx.model.Model;
import org.lmcx.model.PermutationSpec;
import org.lmcx.session.LandscapeGrid;
import org.lmcx.session.Run;
import org.lmcx.session.SessionJson;
import org.lmcx.session.ThreeModelRun;
import org.lmcx.task.JobHandle;
import org.lmcx.task.SameThreadTaskService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The view model without any UI: jobs run inline (SameThreadTaskService), UI posts run immediately. */
@Tag("slow")
class MainViewModelTest {

    private MainViewModel vm;
    private final List<String> errors = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() {
        vm = newVm();
    }

    private MainViewModel newVm() {
        MainViewModel m = new MainViewModel(new FxTaskAdapter(new SameThreadTaskService(), Runnable::run),
                new SameThreadTaskService(), null);
        m.setErrorSink(errors::add);
        return m;
    }

    /** The runs the views draw (ticked, of the open models). */
    static List<Run> pairs(MainViewModel m) {
        return m.runs().shownPairs().stream().map(RunRow::run).toList();
    }

    static List<Run> threes(MainViewModel m) {
        return m.runs().shownThree().stream().map(RunRow::run).toList();
    }

    private void openPair(MainViewModel m) {
        m.models().openModel(0, Fixtures.shared("torch_mlp_small_s7.safetensors"));
        m.models().openModel(1, Fixtures.shared("torch_mlp_small_s8.safetensors"));
        m.models().dataDirProperty().set(Fixtures.requireFashionMnist().toString());
        m.models().trainSizeProperty().set(500);
        m.models().testSizeProperty().set(500);
        m.models().previewSizeProperty().set(500);
        m.models().lambdaPointsProperty().set(5);
    }

    @Test
    void openedSlotShowsArchitectureParameterCountAndFormat() {
        vm.models().openModel(0, Fixtures.shared("torch_mlp_small_s7.safetensors"));
        ModelSlot a = vm.models().slot(0);
        assertThat(a.architectureProperty().get()).isEqualTo("mlp[128,128]");
        assertThat(a.parametersProperty().get()).contains("118,282");
        assertThat(a.formatProperty().get()).isEqualTo("safetensors");
        assertThat(a.errorProperty().get()).isNull();
    }

    @Test
    void aBadFileIsReportedByNameAndTheSlotKeepsItsModel() throws Exception {
        vm.models().openModel(0, Fixtures.shared("torch_mlp_small_s7.safetensors"));
        Path bad = java.nio.file.Files.createTempFile("broken", ".safetensors");
        java.nio.file.Files.writeString(bad, "not a checkpoint");
        FxJob job = vm.models().openModel(0, bad);
        assertThat(job.getState()).isEqualTo(JobHandle.State.FAILED);
        assertThat(vm.models().slot(0).errorProperty().get()).contains(bad.getFileName().toString());
        assertThat(errors).anyMatch(e -> e.contains(bad.getFileName().toString()));
        assertThat(vm.models().slot(0).getModel()).isNotNull();
        assertThat(vm.models().slot(0).architectureProperty().get()).isEqualTo("mlp[128,128]");
    }

    @Test
    void architectureMismatchIsShownBeforeAnythingRuns() throws Exception {
        vm.models().openModel(0, Fixtures.shared("torch_mlp_small_s7.safetensors"));
        Path other = java.nio.file.Files.createTempDirectory("lmcx").resolve("mlp_small.safetensors");
        org.lmcx.io.ModelWriter.write(org.lmcx.TestModels.random(org.lmcx.TestModels.mlp(), 3), other);
        vm.models().openModel(1, other);
        assertThat(vm.models().slot(1).getModel()).isNotNull();
        assertThat(vm.models().mismatchProperty().get()).contains("do not match");
        int jobsBefore = vm.tasks().jobs().size();
        assertThat(vm.runs().run()).isEmpty();
        assertThat(vm.tasks().jobs()).hasSize(jobsBefore);
        assertThat(vm.lastErrorProperty().get()).contains("do not match");
    }

    @Test
    void runProducesCurvesAndTheSameAnalysisTwiceReusesTheCache() {
        openPair(vm);
        List<FxJob> first = vm.runs().run();
        assertThat(first).hasSize(2).allMatch(j -> j.getState() == JobHandle.State.SUCCEEDED);
        assertThat(pairs(vm)).extracting(r -> r.key().method()).containsExactly("identity", "wm");
        double idBarrier = pairs(vm).get(0).curve().test().lossBarrier().value();
        double wmBarrier = pairs(vm).get(1).curve().test().lossBarrier().value();
        assertThat(wmBarrier).isLessThan(idBarrier / 5);
        assertThat(vm.runs().shownPairs().get(1).run().alignmentMaps()).isNotEmpty();
        assertThat(vm.preview().spectrumLayers()).isNotEmpty();

        List<FxJob> second = vm.runs().run();
        assertThat(second).hasSize(2).allMatch(j -> j.messageProperty().get().contains("cached"));
        assertThat(pairs(vm)).hasSize(2);
    }

    @Test
    void sliderReadoutFollowsLambdaAndMatchesTheCurveAtTheEnds() {
        openPair(vm);
        vm.runs().run();
        assertThat(vm.preview().pathProperty().get().run().key().method()).isEqualTo("wm");
        vm.preview().lambdaProperty().set(0.0);
        double atA = vm.preview().readoutLossProperty().get();
        // The preview subset is the whole 500-image test subset here, so λ = 0 must reproduce the curve.
        assertThat(atA).isCloseTo(pairs(vm).get(1).curve().test().loss()[0], within(1e-5));
        vm.preview().lambdaProperty().set(0.5);
        assertThat(vm.preview().readoutLossProperty().get()).isNotEqualTo(atA);
        assertThat(vm.preview().readoutProperty().get()).contains("λ=0.500");
        assertThat(vm.preview().spectrumProperty().get().series()).extracting(s -> s.label())
                .contains("A", "B", "π(B)").anyMatch(l -> l.startsWith("merged wm"));
        assertThat(vm.preview().preview().latencyStats()[0]).isGreaterThanOrEqualTo(1);
    }

    @Test
    void sessionReopensWithResultsAndWorkingPreview() {
        openPair(vm);
        vm.runs().run();
        vm.preview().lambdaProperty().set(0.25);
        String json = SessionJson.toJson(vm.session().toSession());

        MainViewModel other = newVm();
        other.session().applySession(SessionJson.fromJson(json, "test"));
        assertThat(pairs(other)).extracting(r -> r.key().method()).containsExactly("identity", "wm");
        assertThat(other.models().slot(1).getModel()).isNotNull();
        assertThat(other.preview().lambdaProperty().get()).isEqualTo(0.25);
        other.preview().lambdaProperty().set(0.0);
        assertThat(other.preview().readoutLossProperty().get()).isCloseTo(pairs(other).get(1).curve().test().loss()[0],
                within(1e-5));

        // Reopened over the same models (equal Model objects, so no model-change event): the slider still works.
        vm.session().applySession(SessionJson.fromJson(json, "test"));
        vm.preview().lambdaProperty().set(1.0);
        assertThat(vm.preview().readoutLossProperty().get()).isCloseTo(pairs(vm).get(1).curve().test().loss()[4],
                within(1e-5));
    }

    @Test
    void landscapeFillsInAndMarksTheModels() {
        openPair(vm);
        vm.landscape().gridSizeProperty().set(5);
        vm.runs().run();
        FxJob j = vm.landscape().compute();
        assertThat(j.getState()).isEqualTo(JobHandle.State.SUCCEEDED);
        assertThat(vm.landscape().gridProperty().get().markers()).hasSize(3);
        assertThat(vm.landscape().gridProperty().get().finiteRange()[0]).isFinite();
    }

    /** A third model of the fixtures' architecture: B with its hidden units shuffled (same function). */
    private static Path shuffledCopyOfB() throws Exception {
        Model mb = CheckpointLoader.load(Fixtures.shared("torch_mlp_small_s8.safetensors"), null);
        PermutationSpec spec = PermutationSpec.of(mb.architecture());
        Path f = Files.createTempDirectory("lmcx").resolve("c_shuffled_s8.safetensors");
        ModelWriter.write(spec.apply(mb, spec.random(5), "c"), f);
        return f;
    }

    private void only(MainViewModel m, String... names) {
        List<String> keep = List.of(names);
        m.runs().methods().forEach(mc -> mc.enabledProperty().set(keep.contains(mc.name())));
    }

    @Test
    void modelCMatchesBAndCToAPerMethodAndSpansTheThreeModelPlane() throws Exception {
        openPair(vm);
        vm.models().openModel(2, shuffledCopyOfB());
        vm.landscape().gridSizeProperty().set(3);
        List<FxJob> jobs = vm.runs().run();
        // One run per method: B matched once, C matched once, the pair curve and the three-model part from those.
        assertThat(jobs).hasSize(2).allMatch(j -> j.getState() == JobHandle.State.SUCCEEDED);
        assertThat(threes(vm)).extracting(r -> r.key().method()).containsExactly("identity", "wm");
        ThreeModelRun wm = threes(vm).get(1).three();
        assertThat(wm.pairs()).extracting(ThreeModels.Pair::label).containsExactly("a–π(b)", "a–π(c)", "π(b)–π(c)");
        // Same seed, data and options as the pair run: the a–π(b) curve is the pair run's curve.
        assertThat(wm.pairs().get(0).testLossBarrier())
                .isCloseTo(pairs(vm).get(1).curve().test().lossBarrier().value(), within(1e-6));
        // C computes what B computes: once both are matched to A, far less barrier between them than unmatched.
        double unmatched = threes(vm).get(0).three().pairs().get(2).testLossBarrier();
        assertThat(wm.pairs().get(2).testLossBarrier()).isLessThan(unmatched / 3);
        List<SummaryRows.ThreeRow> rows = SummaryRows.threeRows(threes(vm));
        assertThat(rows).hasSize(6);
        // "matched" only where a method matched the pair: a–π(b), a–π(c) of WM; never identity or π(b)–π(c).
        assertThat(rows).extracting(SummaryRows.ThreeRow::matched).containsExactly(false, false, false, true, true,
                false);

        assertThat(vm.runs().run()).hasSize(2).allMatch(j -> j.messageProperty().get().contains("cached"));

        vm.landscape().planeProperty().set(LandscapeViewModel.Plane.THREE_MODELS);
        FxJob plane = vm.landscape().compute();
        assertThat(plane.getState()).isEqualTo(JobHandle.State.SUCCEEDED);
        LandscapeGrid g = vm.landscape().gridProperty().get();
        assertThat(g.markers()).extracting(LandscapeGrid.Marker::label)
                .containsExactly("A", "π(B) wm · seed 0", "π(C) wm · seed 0");
        assertThat(g.markers()).extracting(LandscapeGrid.Marker::x).containsExactly(0.0, 1.0, 0.0);
        assertThat(g.markers()).extracting(LandscapeGrid.Marker::y).containsExactly(0.0, 0.0, 1.0);
        assertThat(g.threeModelPlane()).isTrue();
        // The plane is part of the run now (the runner added it under the same key).
        assertThat(vm.preview().pathProperty().get().run().threeLandscape()).isNotNull();

        // Reopened: the table and plane come back, and π(B), π(C) are rebuilt so the plane can be recomputed.
        MainViewModel other = newVm();
        other.session().applySession(SessionJson.fromJson(SessionJson.toJson(vm.session().toSession()), "test"));
        assertThat(threes(other)).hasSize(2);
        assertThat(threes(other).get(1).three().pairs().get(2).testLossBarrier())
                .isEqualTo(wm.pairs().get(2).testLossBarrier());
        other.landscape().planeProperty().set(LandscapeViewModel.Plane.THREE_MODELS);
        assertThat(other.landscape().gridProperty().get().z()[1]).containsExactly(g.z()[1]);
        // A finer plane needs π(B), π(C) again: rebuilt from the saved permutations, it passes through the same
        // point (0.5, 0.5) with the same loss.
        other.landscape().gridSizeProperty().set(5);
        other.landscape().planeProperty().set(LandscapeViewModel.Plane.THREE_MODELS);
        assertThat(other.landscape().compute().getState()).isEqualTo(JobHandle.State.SUCCEEDED);
        assertThat(other.landscape().gridProperty().get().z()[2][2]).isCloseTo(g.z()[1][1], within(1e-5));
    }

    @Test
    void threeModelPlaneWithoutModelCIsExplained() {
        openPair(vm);
        only(vm, "wm");
        vm.runs().run();
        vm.landscape().planeProperty().set(LandscapeViewModel.Plane.THREE_MODELS);
        assertThat(vm.landscape().compute()).isNull();
        assertThat(errors).anyMatch(e -> e.contains("model C"));
    }

    /** A copy of a shared BN fixture with its architecture descriptor beside it (as the app finds it). */
    private static Path withDescriptor(String name) throws Exception {
        Path d = Files.createTempDirectory("lmcx-bn");
        Path f = d.resolve(name);
        Files.copy(Fixtures.shared(name), f);
        try (var in = MainViewModelTest.class.getResourceAsStream("/fixtures/torch_cnn_bn.arch.json")) {
            Files.copy(in, d.resolve(name + ".arch.json"));
        }
        return f;
    }

    @Test
    void bnResetIsOnlyOfferedForBnArchitecturesAndReachesTheCurves() throws Exception {
        openPair(vm);
        only(vm, "wm");
        assertThat(vm.models().bnAvailableProperty().get()).isFalse();
        vm.runs().resetBnProperty().set(true);
        vm.runs().run();
        assertThat(pairs(vm).get(0).curve().bnReset()).isFalse();

        MainViewModel bn = newVm();
        bn.models().openModel(0, withDescriptor("torch_cnn_bn_s7.safetensors"));
        bn.models().openModel(1, withDescriptor("torch_cnn_bn_s8.safetensors"));
        assertThat(bn.models().bnAvailableProperty().get()).isTrue();
        bn.models().dataDirProperty().set(Fixtures.requireFashionMnist().toString());
        bn.models().trainSizeProperty().set(300);
        bn.models().testSizeProperty().set(300);
        bn.models().previewSizeProperty().set(300);
        bn.models().lambdaPointsProperty().set(3);
        only(bn, "wm");
        bn.runs().resetBnProperty().set(true);
        assertThat(bn.runs().run()).hasSize(1).allMatch(j -> j.getState() == JobHandle.State.SUCCEEDED);
        Interpolation.Result reset = pairs(bn).get(0).curve();
        assertThat(reset.bnReset()).isTrue();
        bn.runs().resetBnProperty().set(false);
        List<FxJob> again = bn.runs().run();
        assertThat(again).hasSize(1).noneMatch(j -> j.messageProperty().get().contains("cached"));
        // Both runs are kept, labelled by their BN setting.
        assertThat(bn.runs().shownPairs()).extracting(RunRow::label)
                .containsExactly("wm · seed 0 · BN reset", "wm · seed 0");
        Interpolation.Result plain = pairs(bn).get(1).curve();
        assertThat(plain.bnReset()).isFalse();
        // Endpoints keep their trained statistics without the reset; the midpoint is what the reset repairs.
        assertThat(reset.test().loss()[1]).isLessThan(plain.test().loss()[1]);
    }
}
