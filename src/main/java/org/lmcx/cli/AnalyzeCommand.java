package org.lmcx.cli;

import org.lmcx.analysis.PairAnalysis;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "analyze", description = "Matches B to A with each method and traces the interpolation curve of each.")
final class AnalyzeCommand implements Callable<Integer> {

    @Mixin
    Inputs.Pair pair;
    @ArgGroup(exclusive = false, heading = "Data:%n")
    Inputs.Data data = new Inputs.Data();
    @Mixin
    LambdaOptions lambdas;
    @Option(names = "--methods", split = ",", defaultValue = "identity,wm",
            description = "methods to compare (default ${DEFAULT-VALUE})")
    List<String> methods;
    @Option(names = "--seed", defaultValue = "0")
    long seed;
    @Option(names = {"--option", "-O"}, paramLabel = "KEY=VALUE", description = "method option")
    Map<String, String> options = new LinkedHashMap<>();
    @Option(names = "--out", paramLabel = "FILE", description = "write all results as JSON")
    Path out;
    @Option(names = {"--quiet", "-q"})
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        methods.forEach(org.lmcx.match.Matchers::get);
        Model a = pair.loadA();
        Model b = pair.loadB(a);
        Dataset train = data.train(seed);
        Dataset test = data.test(seed);
        PairAnalysis.Request req = new PairAnalysis.Request(methods, seed, options, lambdas.options());
        PairAnalysis.Result r = Run.withProgress(quiet, mon -> PairAnalysis.run(a, b, train, test, req, mon));
        Tables.pairSummary(System.out, r);
        if (out != null) {
            Json.write(out, r);
            System.out.println("\nwrote " + out);
        }
        return 0;
    }
}
