package org.lmcx.cli;

import org.lmcx.analysis.TaylorEstimate;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "taylor", description = "Second-order Taylor estimate of the midpoint barrier between A and π(B) "
        + "(Ito et al., Table 1), beside the actual barrier.")
final class TaylorCommand implements Callable<Integer> {

    @Mixin
    Inputs.Pair pair;
    @Mixin
    PermutationChoice choice;
    @ArgGroup(exclusive = false, heading = "Data:%n")
    Inputs.Data data = new Inputs.Data();
    @Option(names = "--epsilon", defaultValue = "1e-3", description = "finite-difference step along d (default ${DEFAULT-VALUE})")
    double epsilon;
    @Option(names = "--out", paramLabel = "FILE")
    Path out;
    @Option(names = {"--quiet", "-q"})
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Model a = pair.loadA();
        Model b = pair.loadB(a);
        Dataset train = data.train(choice.seed);
        Dataset test = data.test(choice.seed);
        TaylorEstimate.Result r = Run.withProgress(quiet, mon -> {
            Model pb = choice.permuted(a, b, train, mon.sub(0, 0.3));
            return TaylorEstimate.run(a, pb, test, new TaylorEstimate.Options(epsilon, 500), mon.sub(0.3, 1));
        });
        System.out.printf("%s, ‖d‖ = ‖π(θb) − θa‖ = %.4f, ε = %.0e%n", choice.label(), r.distance(), r.epsilon());
        System.out.printf("Taylor estimate of the midpoint barrier: %.4f (from A %.4f, from B %.4f)%n",
                r.estimate().barrier(), r.estimate().barrierFromA(), r.estimate().barrierFromB());
        System.out.printf("actual midpoint barrier:                 %.4f (midpoint loss %.4f)%n", r.actualBarrier(),
                r.midpointLoss());
        if (out != null) {
            Json.write(out, r);
        }
        return 0;
    }
}
