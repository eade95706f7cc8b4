package org.lmcx.cli;

import org.lmcx.analysis.Interpolation;
import org.lmcx.io.CheckpointLoader;
import org.lmcx.io.DatasetLoader;
import org.lmcx.io.DemoAssets;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.runner.AnalysisRunner;
import org.lmcx.runner.DataContext;
import org.lmcx.runner.ModelSet;
import org.lmcx.runner.RunRequest;
import org.lmcx.runner.ShippedRuns;
import org.lmcx.session.DataRef;
import org.lmcx.session.Run;
import org.lmcx.session.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
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

    @Option(names = "--out", paramLabel = "FILE", description = "write all runs (each with its full key) as JSON")
    Path out;
    @Option(names = "--session", paramLabel = "FILE",
            description = "instead: make the runs the desktop app shows on first launch (identity and WM on A, B, C"
                    + " with its default settings) and write them as a session, e.g. assets/demo/demo.lmcx.json")
    Path session;
    @Option(names = {"--quiet", "-q"})
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (session != null) {
            return writeShipped();
        }
        Path dir = DemoAssets.demoDir();
        Model a = CheckpointLoader.load(DemoAssets.model(0), null);
        Model b = CheckpointLoader.load(DemoAssets.model(1), null);
        ModelSet set = ModelSet.of(DemoAssets.model(0), a, DemoAssets.model(1), b, null, null);
        // The demo's data folder holds small subsets: all of them are used, and the key records their sizes.
        Dataset train = DatasetLoader.load(DemoAssets.dataDir(), DatasetLoader.Split.TRAIN);
        Dataset test = DatasetLoader.load(DemoAssets.dataDir(), DatasetLoader.Split.TEST);
        DataContext data = new DataContext(DataRef.first(DemoAssets.dataDir(), train.size(), test.size()), train,
                test);
        System.out.printf("demo in %s: %s, %d train / %d test images%n%n", dir, a.architecture().name(),
                data.train().size(), data.test().size());
        Interpolation.Options io = Interpolation.Options.standard();
        List<RunRequest> reqs = new ArrayList<>();
        for (String m : methods) {
            reqs.add(new RunRequest(m, Map.of(), 0, io.resetBn(), io.lambdas(), io.batchSize(), null));
        }
        AnalysisRunner runner = new AnalysisRunner(new RunStore());
        List<Run> runs = org.lmcx.cli.Run.withProgress(quiet, mon -> runner.run(set, data, reqs, mon));
        Tables.runs(System.out, runs);
        if (out != null) {
            Json.write(out, runs);
            System.out.println("\nwrote " + out);
        }
        return runs.stream().allMatch(Run::ok) ? 0 : 1;
    }

    /** The demo's runs exactly as the app would make them (same requests, same data subset: equal keys). */
    private int writeShipped() throws Exception {
        List<Path> files = DemoAssets.MODELS.stream().map(m -> DemoAssets.demoDir().resolve(m)).toList();
        Model a = CheckpointLoader.load(files.get(0), null);
        Model b = CheckpointLoader.load(files.get(1), null);
        Model c = CheckpointLoader.load(files.get(2), null);
        ModelSet set = ModelSet.of(files.get(0), a, files.get(1), b, files.get(2), c);
        DataRef ref = DataRef.first(DemoAssets.dataDir(), ShippedRuns.TRAIN_SIZE, ShippedRuns.TEST_SIZE);
        DataContext data = DataContext.load(ref);
        AnalysisRunner runner = new AnalysisRunner(new RunStore());
        List<Run> runs = org.lmcx.cli.Run.withProgress(quiet,
                mon -> runner.run(set, data, ShippedRuns.demoRequests(), mon));
        Tables.runs(System.out, runs);
        List<org.lmcx.session.ModelRef> refs = List.of(org.lmcx.session.ModelRef.of(files.get(0), a),
                org.lmcx.session.ModelRef.of(files.get(1), b), org.lmcx.session.ModelRef.of(files.get(2), c));
        List<org.lmcx.session.SessionData.MethodSetting> methods = ShippedRuns.DEMO_METHODS.stream()
                .map(m -> new org.lmcx.session.SessionData.MethodSetting(m, true, Map.of())).toList();
        org.lmcx.session.SessionJson.write(org.lmcx.session.SessionData.of(refs, ref,
                new org.lmcx.session.SessionData.MethodSettings(methods, 0, false, ShippedRuns.LAMBDA_POINTS), runs,
                null), session);
        System.out.println("\nwrote " + session);
        return runs.stream().allMatch(Run::ok) ? 0 : 1;
    }
}
