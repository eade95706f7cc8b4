package org.lmcx.cli;

import org.lmcx.match.MatchContext;
import org.lmcx.match.MatchResult;
import org.lmcx.match.Matchers;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;
import org.lmcx.session.Permutations;
import org.lmcx.task.Monitor;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a command gets π for B: read from {@code --perm FILE}, or computed with {@code --method}. */
final class PermutationChoice {

    @Option(names = "--perm", paramLabel = "FILE", description = "permutation from `lmcx match --out` (instead of --method)")
    Path perm;
    @Option(names = "--method", defaultValue = "wm",
            description = "the one matching method used when no --perm is given: identity, wm, sinkhorn, am, ste (default ${DEFAULT-VALUE})")
    String method;
    @Option(names = "--seed", defaultValue = "0", description = "seed for matching and random subsets")
    long seed;
    @Option(names = {"--option", "-O"}, paramLabel = "KEY=VALUE", description = "method option (listed below)")
    Map<String, String> options = new LinkedHashMap<>();

    /** Label of the permutation for output: the method or the file. */
    String label() {
        return perm != null ? perm.getFileName().toString() : method;
    }

    Permutation resolve(Model a, Model b, Dataset train, Monitor monitor) throws IOException {
        if (perm != null) {
            return Permutations.read(perm, PermutationSpec.of(a.architecture()));
        }
        return match(a, b, train, monitor).permutation();
    }

    /** π(B) (or π of any model onto A), built once from the file or the matching. */
    Model permuted(Model a, Model b, Dataset train, Monitor monitor) throws IOException {
        return PermutationSpec.of(a.architecture()).apply(b, resolve(a, b, train, monitor), "π(" + b.source() + ")");
    }

    MatchResult match(Model a, Model b, Dataset train, Monitor monitor) {
        return Matchers.get(method).match(a, b, new MatchContext(seed, train, monitor, options));
    }
}
