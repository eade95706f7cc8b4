package org.lmcx.match;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.lmcx.model.Architecture;
import org.lmcx.model.Model;

import java.util.Random;

/**
 * Timings for the report, not assertions: {@code -Dlmcx.bench=true}. Off by default so the suite stays fast
 * and machine-independent.
 */
@EnabledIfSystemProperty(named = "lmcx.bench", matches = "true")
class MatchingBenchmark {

    @Test
    void lap512() {
        Random rnd = new Random(1);
        double[][] c = new double[512][512];
        for (int rep = 0; rep < 12; rep++) {
            for (double[] row : c) {
                for (int j = 0; j < 512; j++) {
                    row[j] = rnd.nextGaussian();
                }
            }
            long t0 = System.nanoTime();
            LinearAssignment.maximize(c);
            long t1 = System.nanoTime();
            HungarianBaseline.maximize(c);
            long t2 = System.nanoTime();
            System.out.printf("LAP 512: JV %.2f ms, Hungarian %.2f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
    }

    @Test
    void mlp784() {
        Architecture arch = RandomModels.mlp(784, new int[]{512, 512}, 10);
        Model a = RandomModels.random(arch, 1);
        Model b = RandomModels.random(arch, 2);
        for (int rep = 0; rep < 3; rep++) {
            MatchResult r = new WeightMatching().match(a, b, MatchContext.of(rep));
            System.out.printf("WM mlp 784-512-512-10: %.3f s, %d sweeps, objective %.6g (identity %.6g)%n",
                    r.seconds(), r.sweeps(), r.objective(), r.identityObjective());
        }
        String[] its = System.getProperty("lmcx.bench.its", "200").split(",");
        for (String it : its) {
            MatchResult s = new SinkhornWeightMatching().match(a, b, MatchContext.of(0)
                    .withOption("iterations", it));
            System.out.printf("Sinkhorn(%s its) mlp 784-512-512-10: %.3f s, objective %.6g%n", it, s.seconds(),
                    s.objective());
        }
    }
}
