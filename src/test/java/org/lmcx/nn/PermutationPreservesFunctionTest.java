package org.lmcx.nn;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lmcx.TestModels;
import org.lmcx.analysis.FunctionPreservation;
import org.lmcx.model.Architecture;
import org.lmcx.model.Model;
import org.lmcx.model.PermutationSpec;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("backend")
@Tag("slow")
class PermutationPreservesFunctionTest {

    static Stream<Arguments> families() {
        return TestModels.families();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void permutedModelComputesSameLogits(String name, Architecture arch) {
        Model b = TestModels.random(arch, 11);
        FunctionPreservation.Report r = FunctionPreservation.checkRandom(b, 5, 16);
        assertThat(r.relativeDifference()).isLessThanOrEqualTo(FunctionPreservation.TOLERANCE);
        assertThat(r.examples()).isEqualTo(16);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void permutationActuallyMovesWeights(String name, Architecture arch) {
        Model b = TestModels.random(arch, 11);
        PermutationSpec spec = PermutationSpec.derive(arch);
        Model pb = spec.apply(b, spec.random(5), "π");
        assertThat(pb.tensors()).isNotEqualTo(b.tensors());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void brokenSpecIsDetected(String name, Architecture arch) {
        // Permuting only the first group's output axis (without the next layer's input axis) must change the
        // function; otherwise the check could not catch a wrong spec.
        Model b = TestModels.random(arch, 11);
        PermutationSpec spec = PermutationSpec.derive(arch);
        PermutationSpec.Group first = spec.groups().values().iterator().next();
        PermutationSpec partial = new PermutationSpec(java.util.Map.of(first.name(),
                new PermutationSpec.Group(first.name(), first.size(), first.axes().subList(0, 1))));
        FunctionPreservation.Report r = FunctionPreservation.check(b, partial, partial.random(3),
                TestModels.gaussianInputs(b, 16, 5));
        assertThat(r.relativeDifference()).isGreaterThan(FunctionPreservation.TOLERANCE);
    }
}
