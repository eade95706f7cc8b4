package org.lmcx.match;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LinearAssignmentTest {

    private static double[][] gaussian(int n, Random rnd) {
        double[][] c = new double[n][n];
        for (double[] row : c) {
            for (int j = 0; j < n; j++) {
                row[j] = rnd.nextGaussian() * 10;
            }
        }
        return c;
    }

    /** Small integers: many ties, several optimal assignments. */
    private static double[][] smallIntegers(int n, Random rnd) {
        double[][] c = new double[n][n];
        for (double[] row : c) {
            for (int j = 0; j < n; j++) {
                row[j] = rnd.nextInt(4) - 1;
            }
        }
        return c;
    }

    private static double bruteForceMax(double[][] c) {
        int n = c.length;
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        double best = Double.NEGATIVE_INFINITY;
        // Heap's algorithm: every permutation once.
        int[] cnt = new int[n];
        best = Math.max(best, LinearAssignment.value(c, p));
        int i = 0;
        while (i < n) {
            if (cnt[i] < i) {
                int k = i % 2 == 0 ? 0 : cnt[i];
                int t = p[k];
                p[k] = p[i];
                p[i] = t;
                best = Math.max(best, LinearAssignment.value(c, p));
                cnt[i]++;
                i = 0;
            } else {
                cnt[i] = 0;
                i++;
            }
        }
        return n == 0 ? 0 : best;
    }

    private static void assertPermutation(int[] col, int n) {
        assertThat(col).hasSize(n);
        boolean[] seen = new boolean[n];
        for (int c : col) {
            assertThat(c).isBetween(0, n - 1);
            assertThat(seen[c]).as("column %d used twice", c).isFalse();
            seen[c] = true;
        }
    }

    @Test
    void assignmentIsOptimalAgainstBruteForceForAllSizesUpToEight() {
        Random rnd = new Random(42);
        for (int n = 1; n <= 8; n++) {
            int trials = n <= 6 ? 60 : 8;
            for (int t = 0; t < trials; t++) {
                double[][] c = t % 2 == 0 ? smallIntegers(n, rnd) : gaussian(n, rnd);
                int[] col = LinearAssignment.maximize(c);
                assertPermutation(col, n);
                double best = bruteForceMax(c);
                assertThat(LinearAssignment.value(c, col)).as("n=%d trial %d", n, t).isCloseTo(best, within(1e-9));
                int[] h = HungarianBaseline.maximize(c);
                assertPermutation(h, n);
                assertThat(LinearAssignment.value(c, h)).as("hungarian n=%d trial %d", n, t)
                        .isCloseTo(best, within(1e-9));
            }
        }
    }

    @Test
    void emptyAndSingletonMatricesAreTrivial() {
        assertThat(LinearAssignment.maximize(new double[0][0])).isEmpty();
        assertThat(LinearAssignment.maximize(new double[][]{{-3.5}})).containsExactly(0);
        assertThat(HungarianBaseline.maximize(new double[0][0])).isEmpty();
    }

    @Test
    void constantMatrixGivesAnyPermutationWithTheConstantSum() {
        for (int n : new int[]{2, 7, 64}) {
            double[][] c = new double[n][n];
            for (double[] row : c) {
                java.util.Arrays.fill(row, -2.25);
            }
            int[] col = LinearAssignment.maximize(c);
            assertPermutation(col, n);
            assertThat(LinearAssignment.value(c, col)).isEqualTo(-2.25 * n);
        }
    }

    @Test
    void negativeCostsAreMaximizedNotMinimized() {
        double[][] c = {{-1, -10, -10}, {-10, -10, -2}, {-10, -3, -10}};
        assertThat(LinearAssignment.maximize(c)).containsExactly(0, 2, 1);
        assertThat(LinearAssignment.minimize(c)).satisfies(col ->
                assertThat(LinearAssignment.value(c, col)).isEqualTo(-30));
    }

    @Test
    void planted_permutationIsFoundOnALargeMatrix() {
        Random rnd = new Random(7);
        int n = 300;
        int[] planted = new int[n];
        for (int i = 0; i < n; i++) {
            planted[i] = (i * 37 + 11) % n;
        }
        double[][] c = gaussian(n, rnd);
        for (int i = 0; i < n; i++) {
            c[i][planted[i]] += 1000;
        }
        assertThat(LinearAssignment.maximize(c)).containsExactly(planted);
    }

    @Test
    void agreesWithHungarianOnRandom100x100() {
        Random rnd = new Random(3);
        for (int t = 0; t < 20; t++) {
            double[][] c = t % 3 == 0 ? smallIntegers(100, rnd) : gaussian(100, rnd);
            int[] col = LinearAssignment.maximize(c);
            assertPermutation(col, 100);
            assertThat(LinearAssignment.value(c, col))
                    .isCloseTo(LinearAssignment.value(c, HungarianBaseline.maximize(c)), within(1e-9));
        }
    }

    @Test
    void nearTiesOnALargeOffsetStillGiveAnOptimalAssignment() {
        // Differences near the rounding limit of the offset stress the initialization's dual updates.
        Random rnd = new Random(9);
        for (int t = 0; t < 10; t++) {
            double[][] c = new double[80][80];
            for (double[] row : c) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = 1e6 + rnd.nextInt(3) * 1e-9 + rnd.nextGaussian() * 1e-10;
                }
            }
            int[] col = LinearAssignment.maximize(c);
            assertPermutation(col, 80);
            assertThat(LinearAssignment.value(c, col))
                    .isCloseTo(LinearAssignment.value(c, HungarianBaseline.maximize(c)), within(1e-6));
        }
    }

    @Test
    void minimizeIsMaximizeOfTheNegation() {
        Random rnd = new Random(5);
        double[][] c = gaussian(40, rnd);
        double[][] neg = new double[40][40];
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 40; j++) {
                neg[i][j] = -c[i][j];
            }
        }
        assertThat(LinearAssignment.value(c, LinearAssignment.minimize(c)))
                .isCloseTo(-LinearAssignment.value(neg, LinearAssignment.maximize(neg)), within(1e-9));
    }

    @Test
    void nonFiniteCostsAreRejectedNamingTheEntry() {
        double[][] c = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        c[1][2] = Double.NaN;
        assertThatThrownBy(() -> LinearAssignment.maximize(c)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cost[1][2]").hasMessageContaining("NaN");
        c[1][2] = 0;
        c[2][0] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> LinearAssignment.maximize(c)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cost[2][0]");
        c[2][0] = Double.NEGATIVE_INFINITY;
        assertThatThrownBy(() -> HungarianBaseline.maximize(c)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cost[2][0]");
    }

    @Test
    void nonSquareMatricesAreRejected() {
        assertThatThrownBy(() -> LinearAssignment.maximize(new double[][]{{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("square");
    }

    @Test
    void solves512SquareFasterThanTheHungarianBaseline() {
        Random rnd = new Random(11);
        double[][] c = gaussian(512, rnd);
        // Warm both up so the comparison measures compiled code.
        for (int i = 0; i < 3; i++) {
            LinearAssignment.maximize(gaussian(512, rnd));
            HungarianBaseline.maximize(gaussian(512, rnd));
        }
        long t0 = System.nanoTime();
        int[] col = LinearAssignment.maximize(c);
        long t1 = System.nanoTime();
        int[] h = HungarianBaseline.maximize(c);
        long t2 = System.nanoTime();
        System.out.printf("LAP 512x512: JV %.1f ms, Hungarian baseline %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        assertThat(LinearAssignment.value(c, col)).isCloseTo(LinearAssignment.value(c, h), within(1e-7));
        assertThat((t1 - t0) / 1e6).as("ms for 512×512").isLessThan(1000);
    }

    /**
     * A warm start from the previous duals must still give an optimal assignment on a changed matrix, small
     * changes or large, and on an unchanged one keep every row where it was.
     */
    @Test
    void warmStartsAreOptimalOnChangedCosts() {
        Random rnd = new Random(21);
        int n = 60;
        double[][] c = gaussian(n, rnd);
        double[] flat = new double[n * n];
        LinearAssignment.WarmStart warm = new LinearAssignment.WarmStart();
        for (int round = 0; round < 12; round++) {
            double scale = round % 3 == 0 ? 5 : round % 3 == 1 ? 0.1 : 0.001;
            // A rank-2 change, as weight matching's cost gets when the other groups move two units.
            double[] x = new double[n];
            double[] y = new double[n];
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < n; i++) {
                    x[i] = rnd.nextGaussian() * scale;
                    y[i] = rnd.nextGaussian();
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        c[i][j] += x[i] * y[j];
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                System.arraycopy(c[i], 0, flat, i * n, n);
            }
            int[] hot = LinearAssignment.maximize(flat, n, warm);
            assertPermutation(hot, n);
            assertThat(LinearAssignment.value(flat, n, hot)).as("round %d", round)
                    .isCloseTo(LinearAssignment.value(c, HungarianBaseline.maximize(c)), within(1e-9));
            int[] again = LinearAssignment.maximize(flat, n, warm);
            assertThat(again).isEqualTo(hot);
            assertThat(warm.lastTightRows).as("unchanged cost: every row stays tight").isEqualTo(n);
        }
    }
}
