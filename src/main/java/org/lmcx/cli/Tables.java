package org.lmcx.cli;

import org.lmcx.analysis.Interpolation;
import org.lmcx.analysis.PairAnalysis;
import org.lmcx.match.MatchResult;

import java.io.PrintStream;

/** The short tables the commands print on stdout. */
final class Tables {

    private Tables() {
    }

    static void pairSummary(PrintStream out, PairAnalysis.Result r) {
        out.printf("A = %s%nB = %s%narchitecture %s%n%n", r.modelA(), r.modelB(), r.architecture());
        out.printf("%-10s %12s %7s %8s %10s %10s %12s %12s %11s %11s%n", "method", "objective", "sweeps", "time s",
                "L2 before", "L2 after", "test loss", "loss barrier", "test acc", "acc barrier");
        out.printf("%-10s %12s %7s %8s %10s %10s %12s %12s %11s %11s%n", "", "", "", "", "", "", "at λ=0.5", "(linear)",
                "at λ=0.5", "(linear)");
        for (PairAnalysis.MethodRun run : r.runs()) {
            MatchResult m = run.match();
            Interpolation.SplitCurve t = run.curve().test();
            int mid = nearest(run.curve().lambdas(), 0.5);
            out.printf("%-10s %12.4g %7d %8.2f %10.3f %10.3f %12.4f %12.4f %11.4f %11.4f%n", m.method(), m.objective(),
                    m.sweeps(), m.seconds(), m.distances().before(), m.distances().after(), t.loss()[mid],
                    t.lossBarrier() == null ? Double.NaN : t.lossBarrier().value(), t.accuracy()[mid],
                    t.accuracyBarrier() == null ? Double.NaN : t.accuracyBarrier().value());
        }
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
