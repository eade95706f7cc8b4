package org.lmcx.model;

import org.junit.jupiter.api.Test;
import org.lmcx.TestModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PermutationSpecTest {

    @Test
    void resnetStreamSharesOnePermutationPerStage() {
        PermutationSpec spec = PermutationSpec.derive(TestModels.resnet20());
        // stem+stage 1 stream, stage 2 and 3 streams, plus one inner permutation per block (9)
        assertThat(spec.groups()).hasSize(3 + 9);
        PermutationSpec.Group stream = spec.groups().get("P_conv1");
        assertThat(stream.axes()).extracting(PermutationSpec.AxisRef::tensor)
                .contains("bn1.weight", "layer1.0.bn2.weight", "layer1.2.bn2.running_var", "layer2.0.conv1.weight",
                        "layer2.0.shortcut.0.weight");
    }

    @Test
    void flattenAfterConvPermutesDenseInputInChannelView() {
        PermutationSpec spec = PermutationSpec.derive(TestModels.convBn());
        PermutationSpec.AxisRef denseInput = spec.groups().values().stream()
                .flatMap(g -> g.axes().stream())
                .filter(a -> a.tensor().equals("d1.weight") && a.axis() == 1).findFirst().orElseThrow();
        assertThat(denseInput.view()).containsExactly(7, 6, 4);
    }

    @Test
    void runningStatisticsMoveButStayOutOfTheCost() {
        PermutationSpec spec = PermutationSpec.derive(TestModels.convBn());
        assertThat(spec.groups().values().stream().flatMap(g -> g.axes().stream())
                .filter(a -> a.tensor().endsWith("running_mean") || a.tensor().endsWith("running_var")))
                .isNotEmpty().allMatch(a -> !a.inCost());
    }

    @Test
    void specsDerivedTwiceAreEqual() {
        assertThat(PermutationSpec.derive(TestModels.convBn())).isEqualTo(PermutationSpec.derive(TestModels.convBn()));
    }

    @Test
    void applyingTheInverseRestoresTheModel() {
        Model m = TestModels.random(TestModels.resnet20(), 4);
        PermutationSpec spec = PermutationSpec.derive(m.architecture());
        Permutation p = spec.random(9);
        Model back = spec.apply(spec.apply(m, p, "π"), p.inverse(), "π⁻¹π");
        assertThat(back.tensors()).isEqualTo(m.tensors());
    }

    @Test
    void viewThatDoesNotFitIsRejected() {
        Tensor t = new Tensor(new int[]{2, 6}, new float[12]);
        assertThatThrownBy(() -> t.axisMatrix(1, new int[]{2, 5})).hasMessageContaining("does not fit");
    }
}
