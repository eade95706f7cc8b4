package org.lmcx.session;

import org.lmcx.analysis.ThreeModels;

import java.util.List;

/**
 * The three-model part of a run (paper Tables 4/5): C matched to A with the run's method (B's matching is the
 * run's own {@link Run#match()}), and the barriers of a–π(b), a–π(c), π(b)–π(c). A pair's {@code matched} is
 * true only where the run's method actually permuted something: identity runs have none.
 *
 * @param matchC  C's matching to A, with its permutation
 * @param pairs   the interpolated pairs, matched ones first
 * @param seconds wall time of C's matching and the three curves
 */
public record ThreeModelRun(MatchSummary matchC, List<ThreeModels.Pair> pairs, double seconds) {

    public ThreeModelRun {
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
    }
}
