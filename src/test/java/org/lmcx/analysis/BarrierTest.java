package org.lmcx.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BarrierTest {

    @Test
    void lossBarrierOfKnownCurveEqualsHandComputation() {
        double[] l = {0, 0.25, 0.5, 0.75, 1};
        // endpoints 1.0 and 2.0; line = 1, 1.25, 1.5, 1.75, 2; curve − line = 0, 0.75, 1.5, 0.25, 0
        double[] curve = {1.0, 2.0, 3.0, 2.0, 2.0};
        Barrier[] b = Barrier.of(l, curve, false);
        assertThat(b[0].value()).isCloseTo(1.5, within(1e-12));
        assertThat(b[0].lambda()).isEqualTo(0.5);
        // mean of endpoints 1.5: max curve − 1.5 = 1.5 at λ = 0.5
        assertThat(b[1].value()).isCloseTo(1.5, within(1e-12));
        assertThat(b[0].definition()).isEqualTo(Barrier.LINEAR);
    }

    @Test
    void linearAndMeanDefinitionsDifferWhenEndpointsDiffer() {
        double[] l = {0, 0.25, 0.5, 0.75, 1};
        double[] curve = {0.0, 0.1, 0.2, 1.05, 1.0};
        Barrier[] b = Barrier.of(l, curve, false);
        // line at 0.75 is 0.75 → 0.30; mean reference 0.5 → 0.55 at 0.75
        assertThat(b[0].value()).isCloseTo(0.30, within(1e-12));
        assertThat(b[0].lambda()).isEqualTo(0.75);
        assertThat(b[1].value()).isCloseTo(0.55, within(1e-12));
    }

    @Test
    void accuracyBarrierIsLineMinusCurve() {
        double[] l = {0, 0.5, 1};
        double[] acc = {0.9, 0.6, 0.8};
        Barrier[] b = Barrier.of(l, acc, true);
        assertThat(b[0].value()).isCloseTo(0.85 - 0.6, within(1e-12));
        assertThat(b[1].value()).isCloseTo(0.85 - 0.6, within(1e-12));
    }

    @Test
    void pointsOutsideTheSegmentAreIgnored() {
        double[] l = {-0.5, 0, 0.5, 1, 1.5};
        double[] curve = {100, 1, 1.2, 1, 100};
        assertThat(Barrier.of(l, curve, false)[0].value()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void gridWithoutEndpointsIsRejected() {
        assertThatThrownBy(() -> Barrier.of(new double[]{0.1, 0.5}, new double[]{1, 2}, false))
                .hasMessageContaining("must contain");
    }

    @Test
    void gridHitsZeroAndOneExactly() {
        double[] g = Interpolation.grid(-0.5, 1.5, 9);
        assertThat(g).contains(0.0, 1.0);
        assertThat(Interpolation.grid(0, 1, 25)).startsWith(0.0).endsWith(1.0).hasSize(25);
    }

    @Test
    void theDrawnSegmentRunsFromTheReferenceToTheCurveAtTheBarriersLambda() {
        double[] lambdas = {0, 0.25, 1};
        double[] loss = {1, 4, 3};
        Barrier[] b = Barrier.of(lambdas, loss, false);
        // by hand: at λ = 0.25 the straight line is 0.75·1 + 0.25·3 = 1.5, the endpoints' mean 2
        assertThat(b[0].value()).isCloseTo(2.5, within(1e-12));
        assertThat(b[0].segment(lambdas, loss)).containsExactly(new double[]{0.25, 1.5, 4}, within(1e-12));
        assertThat(b[1].value()).isCloseTo(2.0, within(1e-12));
        assertThat(b[1].segment(lambdas, loss)).containsExactly(new double[]{0.25, 2, 4}, within(1e-12));
    }
}
