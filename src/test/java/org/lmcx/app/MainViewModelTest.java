package org.lmcx.app;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lmcx.Fixtures;
import org.lmcx.render.SessionData;
import org.lmcx.render.SessionJson;
import org.lmcx.task.JobHandle;
import org.lmcx.task.SameThreadTaskService;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The view model without any UI: jobs run inline (SameThreadTaskService), UI posts run immediately. */
class MainViewModelTest {

    private MainViewModel vm;
    private final List<String> errors = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() {
        vm = newVm();
    }

    private MainViewModel newVm() {
        MainViewModel m = new MainViewModel(new FxTaskAdapter(new SameThreadTaskService(), Runnable::run),
                new SameThreadTaskService());
        m.setErrorSink(errors::add);
        return m;
    }

    private void openPair(MainViewModel m) {
        m.openModel(0, Fixtures.shared("torch_mlp_small_s7.safetensors"));
        m.openModel(1, Fixtures.shared("torch_mlp_small_s8.safetensors"));
        m.dataDirProperty().set(Fixtures.requireFashionMnist().toString());
        m.trainSizeProperty().set(500);
        m.testSizeProperty().set(500);
        m.previewSizeProperty().set(500);
        m.lambdaPointsProperty().set(5);
    }

    @Test
    void openedSlotShowsArchitectureParameterCountAndFormat() {
        vm.openModel(0, Fixtures.shared("torch_mlp_small_s7.safetensors"));
        ModelSlot a = vm.slot(0);
        assertThat(a.architectureProperty().get()).isEqualTo("mlp[128,128]");
        assertThat(a.parametersProperty().get()).contains("118,282");
        assertThat(a.formatProperty().get()).isEqualTo("safetensors");
        assertThat(a.errorProperty().get()).isNull();
    }

    @Test
    void aBadFileIsReportedByNameAndTheSlotKeepsItsModel() throws Exception {
        vm.openModel(0, Fixtures.shared("torch_mlp_small_s7.safetensors"));
        Path bad = java.nio.file.Files.createTempFile("broken", ".safetensors");
        java.nio.file.Files.writeString(bad, "not a checkpoint");
        FxJob job = vm.openModel(0, bad);
        assertThat(job.getState()).isEqualTo(JobHandle.State.FAILED);
        assertThat(vm.slot(0).errorProperty().get()).contains(bad.getFileName().toString());
        assertThat(errors).anyMatch(e -> e.contains(bad.getFileName().toString()));
        assertThat(vm.slot(0).getModel()).isNotNull();
        assertThat(vm.slot(0).architectureProperty().get()).isEqualTo("mlp[128,128]");
    }

    @Test
    void architectureMismatchIsShownBeforeAnythingRuns() throws Exception {
        vm.openModel(0, Fixtures.shared("torch_mlp_small_s7.safetensors"));
        Path other = java.nio.file.Files.createTempDirectory("lmcx").resolve("mlp_small.safetensors");
        org.lmcx.io.ModelWriter.write(org.lmcx.TestModels.random(org.lmcx.TestModels.mlp(), 3), other);
        vm.openModel(1, other);
        assertThat(vm.slot(1).getModel()).isNotNull();
        assertThat(vm.mismatchProperty().get()).contains("do not match");
        int jobsBefore = vm.tasks().jobs().size();
        assertThat(vm.run()).isEmpty();
        assertThat(vm.tasks().jobs()).hasSize(jobsBefore);
        assertThat(vm.lastErrorProperty().get()).contains("do not match");
    }

    @Test
    void runProducesCurvesAndTheSameAnalysisTwiceReusesTheCache() {
        openPair(vm);
        List<FxJob> first = vm.run();
        assertThat(first).hasSize(2).allMatch(j -> j.getState() == JobHandle.State.SUCCEEDED);
        assertThat(vm.runs()).extracting(SessionData.RunData::method).containsExactly("identity", "wm");
        double idBarrier = vm.runs().get(0).curve().test().lossBarrier().value();
        double wmBarrier = vm.runs().get(1).curve().test().lossBarrier().value();
        assertThat(wmBarrier).isLessThan(idBarrier / 5);
        assertThat(vm.alignment()).isNotEmpty();
        assertThat(vm.spectrumLayers()).isNotEmpty();

        List<FxJob> second = vm.run();
        assertThat(second).hasSize(2).allMatch(j -> j.messageProperty().get().contains("cached"));
        assertThat(vm.runs()).hasSize(2);
    }

    @Test
    void sliderReadoutFollowsLambdaAndMatchesTheCurveAtTheEnds() {
        openPair(vm);
        vm.run();
        assertThat(vm.previewMethodProperty().get()).isEqualTo("wm");
        vm.lambdaProperty().set(0.0);
        double atA = vm.readoutLossProperty().get();
        // The preview subset is the whole 500-image test subset here, so λ = 0 must reproduce the curve.
        assertThat(atA).isCloseTo(vm.runs().get(1).curve().test().loss()[0], within(1e-5));
        vm.lambdaProperty().set(0.5);
        assertThat(vm.readoutLossProperty().get()).isNotEqualTo(atA);
        assertThat(vm.readoutProperty().get()).contains("λ=0.500");
        assertThat(vm.spectrumProperty().get().series()).extracting(s -> s.label())
                .contains("A", "B", "π(B)").anyMatch(l -> l.startsWith("merged wm"));
        assertThat(vm.preview().latencyStats()[0]).isGreaterThanOrEqualTo(1);
    }

    @Test
    void sessionReopensWithResultsAndWorkingPreview() {
        openPair(vm);
        vm.run();
        vm.lambdaProperty().set(0.25);
        String json = SessionJson.toJson(vm.toSession());

        MainViewModel other = newVm();
        other.applySession(SessionJson.fromJson(json, "test"));
        assertThat(other.runs()).extracting(SessionData.RunData::method).containsExactly("identity", "wm");
        assertThat(other.slot(1).getModel()).isNotNull();
        assertThat(other.lambdaProperty().get()).isEqualTo(0.25);
        other.lambdaProperty().set(0.0);
        assertThat(other.readoutLossProperty().get()).isCloseTo(other.runs().get(1).curve().test().loss()[0],
                within(1e-5));
    }

    @Test
    void landscapeFillsInAndMarksTheModels() {
        openPair(vm);
        vm.landscapeGridProperty().set(5);
        vm.run();
        FxJob j = vm.computeLandscape();
        assertThat(j.getState()).isEqualTo(JobHandle.State.SUCCEEDED);
        assertThat(vm.landscapeProperty().get().markers()).hasSize(3);
        assertThat(vm.landscapeProperty().get().finiteRange()[0]).isFinite();
    }
}
