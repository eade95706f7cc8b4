package org.lmcx.analysis;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SvdTest {

    private static float[][] random(int m, int n, long seed) {
        Random r = new Random(seed);
        float[][] w = new float[m][n];
        for (float[] row : w) {
            for (int j = 0; j < n; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return w;
    }

    @Test
    void diagonalMatrixHasItsEntriesAsSingularValues() {
        float[][] w = {{0, 3, 0}, {-5, 0, 0}};
        assertThat(Svd.values(w)).containsExactly(new double[]{5, 3}, within(1e-12));
    }

    @Test
    void topVectorsReconstructTheMatrixForWideAndTallShapes() {
        for (int[] shape : new int[][]{{7, 19}, {19, 7}, {6, 6}}) {
            float[][] w = random(shape[0], shape[1], shape[0] * 31L + shape[1]);
            int r = Math.min(shape[0], shape[1]);
            Svd.Decomposition d = Svd.top(w, 100);
            assertThat(d.u()).hasNumberOfRows(r);
            assertThat(d.sigma()).containsExactly(Svd.values(w), within(1e-9));
            for (int i = 0; i < shape[0]; i++) {
                for (int j = 0; j < shape[1]; j++) {
                    double s = 0;
                    for (int t = 0; t < r; t++) {
                        s += d.sigma()[t] * d.u()[t][i] * d.v()[t][j];
                    }
                    assertThat(s).as("shape %dx%d at (%d,%d)", shape[0], shape[1], i, j).isCloseTo(w[i][j], within(1e-5));
                }
            }
            for (int a = 0; a < r; a++) {
                for (int b = 0; b < r; b++) {
                    double uu = 0;
                    double vv = 0;
                    for (int i = 0; i < shape[0]; i++) {
                        uu += d.u()[a][i] * d.u()[b][i];
                    }
                    for (int j = 0; j < shape[1]; j++) {
                        vv += d.v()[a][j] * d.v()[b][j];
                    }
                    assertThat(uu).isCloseTo(a == b ? 1 : 0, within(1e-9));
                    assertThat(vv).isCloseTo(a == b ? 1 : 0, within(1e-9));
                }
            }
        }
    }
}
