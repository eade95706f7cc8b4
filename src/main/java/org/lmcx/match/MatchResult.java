package org.lmcx.match;

import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;

import java.util.Objects;

/**
 * The outcome of one matching run.
 *
 * @param method            registry name of the method
 * @param spec              the permutation groups matched
 * @param permutation       the permutation to apply to B ({@code spec.apply(b, permutation, ...)})
 * @param objective         {@code Σ ⟨θa, π(θb)⟩} over the cost tensors (see {@link MatchingMath})
 * @param identityObjective the same with the identity permutation, {@code Σ ⟨θa, θb⟩}
 * @param sweeps            iterations the method ran (sweeps for WM, gradient steps for Sinkhorn, 0 for identity)
 * @param objectiveHistory  the objective after each sweep or the method's own progress measure per iteration
 *                          (documented by each method)
 * @param seconds           wall time of the search
 * @param distances         distances before and after
 */
public record MatchResult(String method, PermutationSpec spec, Permutation permutation, double objective,
                          double identityObjective, int sweeps, double[] objectiveHistory, double seconds,
                          Distances distances) {

    public MatchResult {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(permutation, "permutation");
        objectiveHistory = objectiveHistory == null ? new double[0] : objectiveHistory.clone();
    }

    @Override
    public double[] objectiveHistory() {
        return objectiveHistory.clone();
    }

    /** How much matching raised the objective over the identity. */
    public double gain() {
        return objective - identityObjective;
    }
}
