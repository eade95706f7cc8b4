package org.lmcx.cli;

import org.lmcx.analysis.Interpolation;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.session.Permutations;
import org.lmcx.model.PermutationSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "interpolate", description = "Loss and accuracy along θ(λ) = (1−λ)θa + λ·π(θb), with barriers.")
final class InterpolateCommand implements Callable<Integer> {

    @Mixin
    Inputs.Pair pair;
    @ArgGroup(exclusive = false, heading = "Data:%n")
    Inputs.Data data = new Inputs.Data();
    @Mixin
    LambdaOptions lambdas;
    @Option(names = "--perm", paramLabel = "FILE", description = "permutation from `lmcx match --out` (default identity)")
    Path perm;
    @Option(names = "--seed", defaultValue = "0", description = "seed for random subsets")
    long seed;
    @Option(names = "--out", paramLabel = "FILE", description = "write the curve as JSON")
    Path out;
    @Option(names = {"--quiet", "-q"})
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Model a = pair.loadA();
        Model b = pair.loadB(a);
        PermutationSpec spec = PermutationSpec.of(a.architecture());
        Model pb = perm == null ? b : spec.apply(b, Permutations.read(perm, spec), "π(" + b.source() + ")");
        Dataset train = data.train(seed);
        Dataset test = data.test(seed);
        String label = perm == null ? "identity" : perm.getFileName().toString();
        Interpolation.Result r = Run.withProgress(quiet, mon -> Interpolation.run(label, a, pb, train, test, train,
                lambdas.options(), mon));
        Tables.curve(System.out, r);
        if (out != null) {
            Json.write(out, r);
        }
        return 0;
    }
}
