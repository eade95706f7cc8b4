package org.lmcx.match;

import org.lmcx.model.Model;
import org.lmcx.model.PermutationSpec;

/** No matching at all: the baseline every method is compared against. */
public final class IdentityMatcher implements Matcher {

    public static final String NAME = "identity";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "identity (no matching)";
    }

    @Override
    public String description() {
        return "No permutation: the plain straight line between A and B, the baseline";
    }

    @Override
    public MatchResult match(Model a, Model b, MatchContext ctx) {
        a.requireSameArchitecture(b);
        ctx.options(this); // takes none: refuses any given
        PermutationSpec spec = PermutationSpec.of(a.architecture());
        return MatchingMath.result(NAME, a, b, spec, spec.identity(), 0, new double[0], 0);
    }
}
