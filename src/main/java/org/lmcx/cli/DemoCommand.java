package org.lmcx.cli;

import org.lmcx.analysis.Interpolation;
import org.lmcx.analysis.PairAnalysis;
import org.lmcx.io.CheckpointLoader;
import org.lmcx.io.DatasetLoader;
import org.lmcx.io.DemoAssets;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "demo", description = "The whole analysis on the bundled demo (three Fashion-MNIST MLPs).")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--method", split = ",", paramLabel = "METHOD",
            description = "methods, comma-separated (default identity,wm,sinkhorn)")
    List<String> methods = new java.util.ArrayList<>(List.of("identity", "wm", "sinkhorn"));

    /** The old spelling, kept so existing scripts run. */
    @Option(names = "--methods", split = ",", hidden = true)
    void oldMethods(List<String> m) {
        methods = m;
    }

    @Option(names = "--out", paramLabel = "FILE", description = "write all results as JSON")
    Path out;
    @Option(names = {"--quiet", "-q"})
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Path dir = DemoAssets.demoDir();
        Model a = CheckpointLoader.load(DemoAssets.model(0), null);
        Model b = CheckpointLoader.load(DemoAssets.model(1), null);
        Dataset train = DatasetLoader.load(DemoAssets.dataDir(), DatasetLoader.Split.TRAIN);
        Dataset test = DatasetLoader.load(DemoAssets.dataDir(), DatasetLoader.Split.TEST);
        System.out.printf("demo in %s: %s, %d train / %d test images%n%n", dir, a.architecture().name(),
                train.size(), test.size());
        PairAnalysis.Request req = new PairAnalysis.Request(methods, 0, Map.of(), Interpolation.Options.standard());
        PairAnalysis.Result r = Run.withProgress(quiet, mon -> PairAnalysis.run(a, b, train, test, req, mon));
        Tables.pairSummary(System.out, r);
        if (out != null) {
            Json.write(out, r);
            System.out.println("\nwrote " + out);
        }
        return 0;
    }
}
