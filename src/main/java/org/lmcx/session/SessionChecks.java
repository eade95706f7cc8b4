package org.lmcx.session;

import org.lmcx.analysis.Interpolation;
import org.lmcx.analysis.Landscape;
import org.lmcx.model.UserInputException;

import java.util.HashSet;
import java.util.Set;

/**
 * What a session file must satisfy before anything is drawn from it: arrays that belong together have equal
 * lengths (a curve with 1 λ and 5 losses was cut silently), layer names that become file names are unique
 * (two spectra of one layer overwrote each other's PNG: "wrote 17 files" when 16 existed), and grids stay
 * small enough to render (a 2000×2000 landscape ran the JavaFX thread out of memory).
 */
final class SessionChecks {

    /** Landscape points the chart code renders comfortably (a 500×500 grid); the CLI default is 21×21. */
    static final long MAX_LANDSCAPE_POINTS = 250_000;

    private SessionChecks() {
    }

    static SessionData check(SessionData s, String source) {
        for (Run r : s.runs()) {
            String where = source + ": run " + r.label();
            curve(r.curve(), where);
            if (r.three() != null) {
                for (var pair : r.three().pairs()) {
                    if (pair != null) {
                        curve(pair.curve(), where + ", pair " + pair.label());
                    }
                }
            }
            landscape(r.landscape(), where + ": landscape");
            landscape(r.threeLandscape(), where + ": three-model landscape");
            if (r.spectra() != null) {
                uniqueTensors(r.spectra().layers().stream()
                        .map(l -> l == null ? null : String.valueOf(l.tensor())).toList(), where + ": spectra");
            }
            if (r.alignment() != null && r.alignment().layers() != null) {
                uniqueTensors(r.alignment().layers().stream()
                        .map(l -> l == null ? null : String.valueOf(l.tensor())).toList(), where + ": alignment");
            }
        }
        return s;
    }

    /** Charts and tables key a run's per-layer results by tensor name, so a name may appear once. */
    private static void uniqueTensors(java.util.List<String> tensors, String where) {
        Set<String> seen = new HashSet<>();
        for (String t : tensors) {
            if (t == null || !seen.add(t)) {
                throw new UserInputException(where + " list layer " + t + " twice");
            }
        }
    }

    private static void curve(Interpolation.Result c, String where) {
        if (c == null) {
            return;
        }
        int n = c.lambdas() == null ? 0 : c.lambdas().length;
        if (n < 2) {
            throw new UserInputException(where + ": curve has " + n + " λ values (needs ≥ 2)");
        }
        for (Interpolation.SplitCurve split : new Interpolation.SplitCurve[]{c.train(), c.test()}) {
            if (split == null) {
                continue;
            }
            int loss = split.loss() == null ? 0 : split.loss().length;
            int acc = split.accuracy() == null ? 0 : split.accuracy().length;
            if (loss != n || acc != n) {
                throw new UserInputException(where + ": curve " + split.data() + " has " + n + " λ values but "
                        + loss + " losses and " + acc + " accuracies");
            }
        }
    }

    private static void landscape(Landscape.Result g, String where) {
        if (g == null) {
            return;
        }
        int nx = g.xs() == null ? 0 : g.xs().length;
        int ny = g.ys() == null ? 0 : g.ys().length;
        if ((long) nx * ny > MAX_LANDSCAPE_POINTS) {
            throw new UserInputException(where + " has " + nx + "×" + ny + " points (limit " + MAX_LANDSCAPE_POINTS
                    + " to render)");
        }
        for (double[][] grid : new double[][][]{g.loss(), g.accuracy()}) {
            if (grid == null) {
                continue;
            }
            if (grid.length != ny) {
                throw new UserInputException(where + ": " + grid.length + " rows for " + ny + " y coordinates");
            }
            for (double[] row : grid) {
                if (row == null || row.length != nx) {
                    throw new UserInputException(where + ": a row of " + (row == null ? 0 : row.length)
                            + " values for " + nx + " x coordinates");
                }
            }
        }
    }
}
