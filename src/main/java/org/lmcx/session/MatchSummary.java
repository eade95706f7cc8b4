package org.lmcx.session;

import org.lmcx.match.MatchResult;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a matching produced, as plain data: the numbers the Summary shows and the permutation in the one
 * format of {@link Permutations} (group → the B index placed at each position), so π(B) can be rebuilt
 * without matching again. The same fields, with the same names, as {@code perm.json} ({@link PermutationFile}).
 *
 * @param objective         Σ⟨θa, π(θb)⟩ over the matched tensors
 * @param identityObjective Σ⟨θa, θb⟩
 * @param sweeps            iterations the method ran
 * @param seconds           wall time of the search
 * @param l2Before          ‖θa − θb‖ over the matched tensors (BN running statistics excluded); NaN if unknown
 * @param l2After           ‖θa − π(θb)‖; NaN if unknown
 * @param permutation       group → permutation
 */
public record MatchSummary(double objective, double identityObjective, int sweeps, double seconds, double l2Before,
                           double l2After, Map<String, int[]> permutation) {

    public MatchSummary {
        Map<String, int[]> copy = new LinkedHashMap<>();
        if (permutation != null) {
            permutation.forEach((k, v) -> copy.put(k, v.clone()));
        }
        permutation = Collections.unmodifiableMap(copy);
    }

    @Override
    public Map<String, int[]> permutation() {
        Map<String, int[]> copy = new LinkedHashMap<>();
        permutation.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    public static MatchSummary of(MatchResult r) {
        return new MatchSummary(r.objective(), r.identityObjective(), r.sweeps(), r.seconds(),
                r.distances() == null ? Double.NaN : r.distances().before(),
                r.distances() == null ? Double.NaN : r.distances().after(), r.permutation().perms());
    }

    /** The permutation, checked against the spec of the models it is applied to ({@link Permutations#validate}). */
    public Permutation permutation(PermutationSpec spec, String source) {
        return Permutations.validate(permutation, spec, source);
    }

    /** How much matching raised the objective over the identity. */
    public double gain() {
        return objective - identityObjective;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatchSummary m && Double.compare(objective, m.objective) == 0
                && Double.compare(identityObjective, m.identityObjective) == 0 && sweeps == m.sweeps
                && Double.compare(seconds, m.seconds) == 0 && Double.compare(l2Before, m.l2Before) == 0
                && Double.compare(l2After, m.l2After) == 0
                && new Permutation(permutation).equals(new Permutation(m.permutation));
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(objective, sweeps, new Permutation(permutation));
    }
}
