package org.lmcx.runner;

import org.lmcx.analysis.HiddenInputAlignment;
import org.lmcx.analysis.TaylorEstimate;

/**
 * Which analyses a run request asks for beyond the matching and its interpolation curve, with their
 * parameters. All come from the run's one π(B) (and π(C)).
 *
 * @param spectra        σ(A), σ(B), σ(π(B)) per layer
 * @param alignmentK     top-k singular-vector alignment before/after (0 = off)
 * @param hidden         hidden-input alignment with these options (null = off)
 * @param three          C matched to A and the barriers a–π(b), a–π(c), π(b)–π(c) (needs C in the model set)
 * @param taylor         Taylor estimate of the midpoint barrier (null = off)
 * @param landscapeGrid  points per axis of git-re-basin's plane A, B, π(B) (0 = off; skipped for the identity,
 *                       whose π(B) = B spans no plane)
 * @param threeLandscape also the plane through A, π(B), π(C) with the same grid (needs {@code three})
 */
public record Analyses(boolean spectra, int alignmentK, HiddenInputAlignment.Options hidden, boolean three,
                       TaylorEstimate.Options taylor, int landscapeGrid, boolean threeLandscape) {

    /** The curve only. */
    public static final Analyses NONE = new Analyses(false, 0, null, false, null, 0, false);

    public Analyses {
        if (alignmentK < 0 || landscapeGrid < 0 || landscapeGrid == 1) {
            throw new IllegalArgumentException("alignment k must be ≥ 0 and the landscape grid 0 or ≥ 2");
        }
    }

    public Analyses withSpectra() {
        return new Analyses(true, alignmentK, hidden, three, taylor, landscapeGrid, threeLandscape);
    }

    public Analyses withAlignment(int k) {
        return new Analyses(spectra, k, hidden, three, taylor, landscapeGrid, threeLandscape);
    }

    public Analyses withHidden(HiddenInputAlignment.Options o) {
        return new Analyses(spectra, alignmentK, o, three, taylor, landscapeGrid, threeLandscape);
    }

    public Analyses withThree() {
        return new Analyses(spectra, alignmentK, hidden, true, taylor, landscapeGrid, threeLandscape);
    }

    public Analyses withTaylor(TaylorEstimate.Options o) {
        return new Analyses(spectra, alignmentK, hidden, three, o, landscapeGrid, threeLandscape);
    }

    /** git-re-basin's plane and, when {@code three} is asked, the three-model plane, on an n×n grid. */
    public Analyses withLandscape(int n, boolean alsoThreeModelPlane) {
        return new Analyses(spectra, alignmentK, hidden, three, taylor, n, alsoThreeModelPlane);
    }
}
