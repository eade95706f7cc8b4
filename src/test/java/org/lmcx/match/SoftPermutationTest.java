package org.lmcx.match;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SoftPermutationTest {

    private static double[] gaussian(int len, double scale, Random rnd) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = scale * rnd.nextGaussian();
        }
        return x;
    }

    @Test
    void manyIterationsGiveADoublyStochasticMatrix() {
        Random rnd = new Random(1);
        int n = 9;
        SoftPermutation sp = new SoftPermutation(n, 300);
        sp.forward(gaussian(n * n, 2, rnd), 0.7);
        for (int i = 0; i < n; i++) {
            double row = 0;
            double col = 0;
            for (int j = 0; j < n; j++) {
                assertThat(sp.s[i * n + j]).isGreaterThan(0);
                row += sp.s[i * n + j];
                col += sp.s[j * n + i];
            }
            assertThat(row).isCloseTo(1, within(1e-9));
            assertThat(col).isCloseTo(1, within(1e-9));
        }
    }

    @Test
    void sharpScoresGiveNearlyThePermutationTheyEncode() {
        int n = 6;
        int[] perm = {3, 0, 5, 1, 2, 4};
        double[] scores = new double[n * n];
        for (int i = 0; i < n; i++) {
            scores[i * n + perm[i]] = 40;
        }
        SoftPermutation sp = new SoftPermutation(n, 20);
        sp.forward(scores, 1);
        for (int i = 0; i < n; i++) {
            assertThat(sp.s[i * n + perm[i]]).isCloseTo(1, within(1e-9));
        }
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        Random rnd = new Random(2);
        for (int n : new int[]{1, 3, 7}) {
            for (int iters : new int[]{1, 5, 20}) {
                double tau = 0.8;
                double[] z = gaussian(n * n, 1.5, rnd);
                double[] g = gaussian(n * n, 1, rnd);
                SoftPermutation sp = new SoftPermutation(n, iters);
                sp.forward(z, tau);
                double[] grad = sp.backward(g, tau);
                double h = 1e-6;
                for (int q = 0; q < n * n; q++) {
                    double[] zp = z.clone();
                    zp[q] += h;
                    double[] zm = z.clone();
                    zm[q] -= h;
                    double fd = (f(zp, g, n, iters, tau) - f(zm, g, n, iters, tau)) / (2 * h);
                    assertThat(grad[q]).as("n=%d iters=%d entry %d", n, iters, q).isCloseTo(fd, within(1e-6));
                }
            }
        }
    }

    private static double f(double[] z, double[] g, int n, int iters, double tau) {
        SoftPermutation sp = new SoftPermutation(n, iters);
        sp.forward(z, tau);
        return Linalg.dot(sp.s, g);
    }
}
