package org.lmcx.cli;

import org.lmcx.analysis.Interpolation;
import org.lmcx.session.MatchSummary;
import org.lmcx.session.Run;
import org.lmcx.session.RunKey;
import org.lmcx.session.SeedSummary;

import java.io.PrintStream;
import java.util.List;

/** The short tables the commands print on stdout. */
final class Tables {

    private Tables() {
    }

    /**
     * One row per run, labelled so that no two rows read alike ({@link RunKey#labels}); a failed run prints
     * its failure instead of numbers, never a barrier.
     */
    static void runs(PrintStream out, List<Run> runs) {
        if (runs.isEmpty()) {
            return;
        }
        RunKey k0 = runs.get(0).key();
        out.printf("A = %s%nB = %s%n%sarchitecture %s%n%n", k0.a().file(), k0.b().file(),
                k0.c() == null ? "" : "C = " + k0.c().file() + "\n", k0.architecture());
        List<String> labels = RunKey.labels(runs.stream().map(Run::key).toList());
        int w = Math.max(10, labels.stream().mapToInt(String::length).max().orElse(10));
        String f = "%-" + w + "s %12s %7s %8s %10s %10s %12s %12s %11s %11s%n";
        out.printf(f, "run", "objective", "sweeps", "time s", "L2 before", "L2 after", "test loss", "loss barrier",
                "test acc", "acc barrier");
        out.printf(f, "", "", "", "", "", "", "at λ=0.5", "(linear)", "at λ=0.5", "(linear)");
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            if (!r.ok()) {
                out.printf("%-" + w + "s FAILED: %s%n", labels.get(i), r.failure());
                continue;
            }
            MatchSummary m = r.match();
            Interpolation.SplitCurve t = r.curve().test();
            int mid = nearest(r.curve().lambdas(), 0.5);
            out.printf("%-" + w + "s %12.4g %7d %8.2f %10.3f %10.3f %12.4f %12.4f %11.4f %11.4f%n", labels.get(i),
                    m.objective(), m.sweeps(), m.seconds(), m.l2Before(), m.l2After(), t.loss()[mid],
                    r.testLossBarrier(), t.accuracy()[mid], r.testAccuracyBarrier());
        }
    }

    /** Mean ± sample std over seeds per method (only printed when some method ran at more than one seed). */
    static void seedSummary(PrintStream out, List<SeedSummary> groups) {
        out.printf("%nmean ± std over seeds%n%-22s %-12s %22s %22s %22s%n", "method", "seeds", "test loss barrier",
                "test acc barrier", "L2 after");
        for (SeedSummary g : groups) {
            out.printf("%-22s %-12s %22s %22s %22s%s%n", g.label(), g.seeds().toString().replace(" ", ""),
                    pm(g.metrics().get("testLossBarrier")), pm(g.metrics().get("testAccuracyBarrier")),
                    pm(g.metrics().get("l2After")), g.failed() > 0 ? "  (" + g.failed() + " failed, left out)" : "");
        }
    }

    private static String pm(SeedSummary.Stat s) {
        if (s == null || s.n() == 0) {
            return "—";
        }
        return Double.isNaN(s.std()) ? String.format(java.util.Locale.ROOT, "%.4f", s.mean())
                : String.format(java.util.Locale.ROOT, "%.4f ± %.4f", s.mean(), s.std());
    }

    static void curve(PrintStream out, Interpolation.Result r) {
        boolean train = r.train() != null;
        out.printf("%8s %11s %10s%s%n", "λ", "test loss", "test acc", train ? String.format(" %11s %10s", "train loss",
                "train acc") : "");
        for (int i = 0; i < r.lambdas().length; i++) {
            out.printf("%8.3f %11.4f %10.4f%s%n", r.lambdas()[i], r.test().loss()[i], r.test().accuracy()[i],
                    train ? String.format(" %11.4f %10.4f", r.train().loss()[i], r.train().accuracy()[i]) : "");
        }
        if (r.test().lossBarrier() != null) {
            out.printf("test loss barrier %.4f at λ=%.3f (linear), %.4f (vs mean of endpoints); "
                            + "accuracy barrier %.4f (linear), %.4f (mean)%n", r.test().lossBarrier().value(),
                    r.test().lossBarrier().lambda(), r.test().lossBarrierMean().value(),
                    r.test().accuracyBarrier().value(), r.test().accuracyBarrierMean().value());
        }
    }

    static int nearest(double[] grid, double v) {
        int best = 0;
        for (int i = 1; i < grid.length; i++) {
            if (Math.abs(grid[i] - v) < Math.abs(grid[best] - v)) {
                best = i;
            }
        }
        return best;
    }
}
