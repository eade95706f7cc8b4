package org.lmcx.cli;

import org.lmcx.analysis.ThreeModels;
import org.lmcx.match.MatchContext;
import org.lmcx.match.Matchers;
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

@Command(name = "three", description = "Matches B and C to A and reports the barriers a–π(b), a–π(c) and π(b)–π(c) "
        + "(Ito et al., Tables 4/5), for each method given.")
final class ThreeCommand implements Callable<Integer> {

    @Mixin
    Inputs.Pair pair;
    @Option(names = {"--c", "-c"}, required = true, paramLabel = "CKPT", description = "model C")
    Path c;
    @ArgGroup(exclusive = false, heading = "Data:%n")
    Inputs.Data data = new Inputs.Data();
    @Mixin
    LambdaOptions lambdas;
    @Option(names = "--method", split = ",", defaultValue = "wm", description = "one or more methods (default ${DEFAULT-VALUE})")
    List<String> methods;
    @Option(names = "--unmatched", description = "also the barriers of the unmatched pairs")
    boolean unmatched;
    @Option(names = "--seed", defaultValue = "0")
    long seed;
    @Option(names = {"--option", "-O"}, paramLabel = "KEY=VALUE")
    Map<String, String> options = new LinkedHashMap<>();
    @Option(names = "--out", paramLabel = "FILE")
    Path out;
    @Option(names = {"--quiet", "-q"})
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Map<String, Map<String, String>> perMethod = Matchers.split(methods, options);
        Model a = pair.loadA();
        Model b = pair.loadB(a);
        Model cm = Inputs.loadModel(c, pair.arch, pair.key);
        a.requireSameArchitecture(cm);
        Dataset train = data.train(seed);
        Dataset test = data.test(seed);
        List<ThreeModels.Result> results = Run.withProgress(quiet, mon -> {
            java.util.ArrayList<ThreeModels.Result> rs = new java.util.ArrayList<>();
            for (int i = 0; i < methods.size(); i++) {
                String m = methods.get(i);
                rs.add(ThreeModels.run(a, b, cm, Matchers.get(m), new MatchContext(seed, train, null, perMethod.get(m)),
                        train, test, lambdas.options(), unmatched && i == 0,
                        mon.sub((double) i / methods.size(), (i + 1.0) / methods.size())));
            }
            return rs;
        });
        System.out.printf("%-10s %-14s %14s %14s%n", "method", "pair", "loss barrier", "acc barrier");
        for (ThreeModels.Result r : results) {
            for (ThreeModels.Pair p : r.pairs()) {
                System.out.printf("%-10s %-14s %14.4f %14.4f%n", p.matched() ? r.method() : "none", p.label(),
                        p.curve().test().lossBarrier().value(), p.curve().test().accuracyBarrier().value());
            }
        }
        if (out != null) {
            Json.write(out, results);
        }
        return 0;
    }
}
