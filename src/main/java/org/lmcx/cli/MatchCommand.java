package org.lmcx.cli;

import org.lmcx.io.ModelWriter;
import org.lmcx.match.MatchContext;
import org.lmcx.match.MatchResult;
import org.lmcx.match.Matchers;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.session.PermutationFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "match", description = "Finds the permutation of B's hidden units that best matches A.")
final class MatchCommand implements Callable<Integer> {

    @Mixin
    Inputs.Pair pair;
    @ArgGroup(exclusive = false, heading = "Data (for am, ste):%n")
    Inputs.Data data = new Inputs.Data();
    @Option(names = "--method", defaultValue = "wm",
            description = "the one method to run: identity, wm, sinkhorn, am, ste (default ${DEFAULT-VALUE})")
    String method;
    @Option(names = "--seed", defaultValue = "0")
    long seed;
    @Option(names = {"--option", "-O"}, paramLabel = "KEY=VALUE",
            description = "method option, e.g. -O max_iter=50 (listed below)")
    Map<String, String> options = new LinkedHashMap<>();
    @Option(names = "--out", paramLabel = "FILE", description = "write the permutation and statistics (perm.json)")
    Path out;
    @Option(names = "--save-permuted", paramLabel = "FILE", description = "write π(B) as safetensors + descriptor")
    Path savePermuted;
    @Option(names = {"--quiet", "-q"}, description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Matchers.get(method);
        Model a = pair.loadA();
        Model b = pair.loadB(a);
        Dataset train = data.dir == null ? null : data.train(seed);
        MatchResult r = Run.withProgress(quiet, mon -> Matchers.get(method).match(a, b,
                new MatchContext(seed, train, mon, options)));
        System.out.printf("method %s: objective %.6g (identity %.6g), %d sweeps, %.2f s%n", r.method(), r.objective(),
                r.identityObjective(), r.sweeps(), r.seconds());
        System.out.printf("L2 distance ‖θa − θb‖ = %.4f, ‖θa − π(θb)‖ = %.4f%n", r.distances().before(),
                r.distances().after());
        if (out != null) {
            Json.write(out, PermutationFile.of(r, a.architecture().name(), seed));
        }
        if (savePermuted != null) {
            ModelWriter.write(r.spec().apply(b, r.permutation(), "π(" + b.source() + ")"), savePermuted);
        }
        return 0;
    }
}
