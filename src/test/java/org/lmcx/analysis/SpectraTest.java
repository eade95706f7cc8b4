package org.lmcx.analysis;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.lmcx.TestModels;
import org.lmcx.model.Architecture;
import org.lmcx.model.Model;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;
import org.lmcx.task.Monitor;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpectraTest {

    static Stream<Arguments> families() {
        return TestModels.families();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void singularValuesAreInvariantUnderARandomPermutation(String name, Architecture arch) {
        Model a = TestModels.random(arch, 1);
        Model b = TestModels.random(arch, 2);
        PermutationSpec spec = PermutationSpec.derive(arch);
        Permutation p = spec.random(7);
        Model pb = spec.apply(b, p, "π");
        Spectra.Result r = Spectra.compare(a, b, pb, Monitor.NONE);
        assertThat(r.layers()).isNotEmpty();
        assertThat(r.invariant()).isTrue();
        for (Spectra.LayerSpectrum l : r.layers()) {
            assertThat(l.invariant()).as(l.layer()).isTrue();
            assertThat(l.a()).hasSize(Math.min(l.rows(), l.cols()));
            assertThat(l.rows() * l.cols()).isEqualTo(a.tensor(l.tensor()).size());
            // A different model has a different spectrum, so the check is not comparing a thing with itself.
            assertThat(l.a()[0]).isNotCloseTo(l.b()[0], within(1e-6));
        }
        // The weights themselves did move: invariance is a property of the spectrum, not a no-op permutation.
        assertThat(r.layers().stream().anyMatch(l -> !pb.tensor(l.tensor()).equals(b.tensor(l.tensor())))).isTrue();
    }

    @Test
    void convolutionIsSeenAsOutByInTimesKernel() {
        Architecture arch = TestModels.convBn();
        Model a = TestModels.random(arch, 1);
        Spectra.LayerSpectrum c2 = Spectra.compare(a, a, a, Monitor.NONE)
                .layers().get(1);
        assertThat(c2.rows()).isEqualTo(6);
        assertThat(c2.cols()).isEqualTo(4 * 3 * 3);
        assertThat(c2.a()).hasSize(6);
    }

    @Test
    void pathEndpointsHaveTheEndpointsSpectraAndMidpointOfEqualModelsToo() {
        Architecture arch = TestModels.mlp();
        Model a = TestModels.random(arch, 1);
        Model b = TestModels.random(arch, 2);
        Spectra.PathResult r = Spectra.alongPath(a, b, new double[]{0, 0.5, 1}, Monitor.NONE);
        for (Spectra.LayerPath l : r.layers()) {
            assertThat(l.values()[0]).containsExactly(Spectra.singularValues(a.tensor(l.tensor())), within(1e-6));
            assertThat(l.values()[2]).containsExactly(Spectra.singularValues(b.tensor(l.tensor())), within(1e-6));
            // Triangle inequality for the spectral norm: σmax(½(A+B)) ≤ ½(σmax(A) + σmax(B)).
            assertThat(l.values()[1][0]).isLessThanOrEqualTo((l.values()[0][0] + l.values()[2][0]) / 2 + 1e-9);
        }
    }
}
