package org.lmcx.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AlignmentMapsTest {

    private static AlignmentMaps after(double[][] m) {
        return new AlignmentMaps("fc1.weight", "left", "wm", m, m);
    }

    @Test
    void aRunsAlignmentIsTheMeanOfItsMapsDiagonalMeansSkippingMapsWithoutADiagonal() {
        AlignmentMaps half = after(new double[][]{{1, 0.9}, {0.9, 0}});     // diagonal mean 0.5
        AlignmentMaps full = after(new double[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}); // 1.0
        AlignmentMaps none = after(new double[0][0]);                          // NaN, left out
        assertThat(AlignmentMaps.meanDiagonalAfter(List.of(half, full, none))).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void noMapsGiveNaNNotZero() {
        assertThat(AlignmentMaps.meanDiagonalAfter(List.of())).isNaN();
    }
}
