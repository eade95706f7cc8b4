package org.lmcx.session;

import org.lmcx.match.MatchResult;

import java.util.Map;

/**
 * {@code perm.json}: a matching result as written by {@code lmcx match --out} and read by
 * {@code interpolate --perm}, {@code spectra --perm} and the other commands (through
 * {@link Permutations#read}). The fields after {@code seed} are those of {@link MatchSummary}, with the same
 * names; {@code permutation} is the one format of {@link Permutations}.
 */
public record PermutationFile(String method, String architecture, long seed, double objective,
                              double identityObjective, int sweeps, double seconds, double l2Before, double l2After,
                              Map<String, int[]> permutation) {

    public static PermutationFile of(String method, String architecture, long seed, MatchSummary m) {
        return new PermutationFile(method, architecture, seed, m.objective(), m.identityObjective(), m.sweeps(),
                m.seconds(), m.l2Before(), m.l2After(), m.permutation());
    }

    public static PermutationFile of(MatchResult r, String architecture, long seed) {
        return of(r.method(), architecture, seed, MatchSummary.of(r));
    }
}
