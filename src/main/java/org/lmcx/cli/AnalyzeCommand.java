package org.lmcx.cli;

import org.lmcx.model.UserInputException;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.lmcx.analysis.Alignment;
import org.lmcx.analysis.Landscape;
import org.lmcx.analysis.TaylorEstimate;
import org.lmcx.analysis.ThreeModels;
import org.lmcx.match.Matchers;
import org.lmcx.model.Model;
import org.lmcx.runner.Analyses;
import org.lmcx.runner.AnalysisRunner;
import org.lmcx.runner.DataContext;
import org.lmcx.runner.ModelSet;
import org.lmcx.runner.RunRequest;
import org.lmcx.session.DataRef;
import org.lmcx.session.ModelRef;
import org.lmcx.session.Run;
import org.lmcx.session.RunStore;
import org.lmcx.session.SeedSummary;
import org.lmcx.session.SessionData;
import org.lmcx.session.SessionJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "analyze", description = "Matches B to A with each method (at each seed of --seeds) and traces the "
        + "interpolation curve of each; optionally spectra, singular-vector alignment, the Taylor estimate and the "
        + "landscape for the last matching method, three models with --c; --session writes what the GUI opens, "
        + "--export renders its charts headless. Exit 1 if a run produced a NaN or infinite number.")
final class AnalyzeCommand implements Callable<Integer> {

    @Mixin
    Inputs.Pair pair;
    @Option(names = {"--c", "-c"}, paramLabel = "CKPT",
            description = "model C: also match C to A with each method and report a–π(b), a–π(c), π(b)–π(c)")
    Path c;
    @ArgGroup(exclusive = false, heading = "Data:%n")
    Inputs.Data data = new Inputs.Data();
    @Mixin
    LambdaOptions lambdas;
    @Option(names = "--method", split = ",", paramLabel = "METHOD",
            description = "methods to compare, comma-separated (default identity,wm); --spectra, --align,"
                    + " --taylor and --landscape use the last one")
    List<String> methods = new ArrayList<>(List.of("identity", "wm"));

    /** The old spelling, kept so existing scripts run. */
    @Option(names = "--methods", split = ",", hidden = true)
    void oldMethods(List<String> m) {
        methods = m;
    }

    @Option(names = "--seed", defaultValue = "0", description = "seed of matching and random subsets (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--seeds", split = ",", paramLabel = "S",
            description = "run every method at each of these seeds (e.g. 0,1,2) and report mean ± std; replaces --seed")
    List<Long> seeds;
    @Option(names = {"--option", "-O"}, paramLabel = "KEY=VALUE", description = "method option")
    Map<String, String> options = new LinkedHashMap<>();
    @Option(names = "--spectra", description = "per-layer singular values of A, B, π(B) for the last matching method")
    boolean spectra;
    @Option(names = "--align", description = "top-k singular-vector alignment before/after the last matching method")
    boolean align;
    @Option(names = "--k", defaultValue = "32", description = "singular vectors compared by --align (default ${DEFAULT-VALUE})")
    int k;
    @Option(names = "--taylor", description = "Taylor estimate of the midpoint barrier for the last matching method")
    boolean taylor;
    @Option(names = "--landscape", description = "test loss on git-re-basin's plane A, B, π(B) of the last matching "
            + "method (and on the plane A, π(B), π(C) with --c)")
    boolean landscape;
    @Option(names = "--grid", defaultValue = "21", description = "landscape points per axis (default ${DEFAULT-VALUE})")
    int grid;
    @Option(names = "--out", paramLabel = "FILE", description = "write all runs (each with its full key) as JSON")
    Path out;
    @Option(names = "--session", paramLabel = "FILE",
            description = "write a session the GUI opens (File → Open session) with all runs")
    Path session;
    @Option(names = "--export", paramLabel = "DIR",
            description = "render every chart of the session as PNG + CSV into DIR, headless (as `lmcx export`)")
    Path export;
    @Option(names = {"--quiet", "-q"})
    boolean quiet;

    /**
     * JSON of {@code analyze}: every run with its full key (models by hash, data, method with complete options,
     * seed, BN reset, λ grid, version) and, per method, mean ± std over the seeds.
     *
     * @param focusMethod the method the extra analyses were computed for (null without extras)
     * @param failures    one line per failed run (NaN/inf in its numbers), empty when all are fine
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Output(String architecture, List<Long> seeds, String focusMethod, List<Run> runs,
                  List<SeedSummary> seedSummary, List<String> failures) {
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Map<String, String>> perMethod = Matchers.split(methods, options);
        if (k < 1) {
            throw new UserInputException("--k must be ≥ 1");
        }
        if (grid < 2) {
            throw new UserInputException("--grid must be ≥ 2");
        }
        List<Long> seedList = seeds == null || seeds.isEmpty() ? List.of(seed) : List.copyOf(seeds);
        if (seedList.stream().distinct().count() != seedList.size()) {
            throw new UserInputException("--seeds lists a seed twice: " + seedList);
        }
        String focus = focusMethod(methods);
        boolean extras = spectra || align || taylor || landscape;
        if (landscape && focus == null && c == null) {
            throw new UserInputException("--landscape draws the plane through A, B, π(B): add a matching "
                    + "method to --methods (identity gives π(B) = B)");
        }
        String extrasMethod = focus != null ? focus : methods.get(methods.size() - 1);
        Model a = pair.loadA();
        Model b = pair.loadB(a);
        Model cm = c == null ? null : Inputs.loadModel(c, pair.arch, pair.key);
        ModelSet set = ModelSet.of(pair.a, a, pair.b, b, c, cm);
        Analyses focusAnalyses = new Analyses(spectra, align ? k : 0, null, cm != null,
                taylor ? new TaylorEstimate.Options(TaylorEstimate.DEFAULT_EPSILON, lambdas.batch) : null,
                landscape ? grid : 0, landscape && cm != null);
        Analyses otherAnalyses = new Analyses(false, 0, null, cm != null, null, 0, false);
        double[] grid = lambdas.options().lambdas();
        AnalysisRunner runner = new AnalysisRunner(new RunStore());
        // cli.Run (the progress wrapper) is shadowed here by the imported session.Run.
        List<Run> runs = org.lmcx.cli.Run.withProgress(quiet, mon -> {
            List<Run> all = new ArrayList<>();
            DataContext shared = data.random ? null : DataContext.load(data.ref(seedList.get(0)));
            for (int s = 0; s < seedList.size(); s++) {
                long sd = seedList.get(s);
                DataContext dc = shared != null ? shared : DataContext.load(data.ref(sd));
                List<RunRequest> reqs = new ArrayList<>();
                for (String m : methods) {
                    reqs.add(new RunRequest(m, perMethod.get(m), sd, lambdas.bnReset, grid, lambdas.batch,
                            extras && m.equals(extrasMethod) ? focusAnalyses : otherAnalyses));
                }
                all.addAll(runner.run(set, dc, reqs, mon.sub((double) s / seedList.size(),
                        (s + 1.0) / seedList.size())));
            }
            return all;
        });
        List<SeedSummary> summary = SeedSummary.of(runs);
        List<String> failures = runs.stream().filter(r -> !r.ok()).map(Run::failure).toList();
        Tables.runs(System.out, runs);
        if (seedList.size() > 1) {
            Tables.seedSummary(System.out, summary);
        }
        print(runs);
        Output o = new Output(a.architecture().name(), seedList, extras ? extrasMethod : null, runs,
                seedList.size() > 1 ? summary : null, failures);
        if (out != null) {
            Json.write(out, o);
            System.out.println("\nwrote " + out);
        }
        if (session != null || export != null) {
            SessionData s = session(set, runs, seedList.get(0), extras ? extrasMethod : null);
            if (session != null) {
                SessionJson.write(s, session);
                System.out.println("wrote session " + session);
            }
            if (export != null) {
                List<Path> files = ExportCommand.exportCharts(s, export);
                System.out.printf("wrote %d chart files to %s%n", files.size(), export);
            }
        }
        if (!failures.isEmpty()) {
            System.err.println(failures.size() + " run(s) failed:");
            failures.forEach(f -> System.err.println("  " + f));
            return 1;
        }
        return 0;
    }

    /** The last method that is not the identity, or null when there is none. */
    static String focusMethod(List<String> methods) {
        for (int i = methods.size() - 1; i >= 0; i--) {
            if (!"identity".equals(methods.get(i))) {
                return methods.get(i);
            }
        }
        return null;
    }

    private void print(List<Run> runs) {
        for (Run r : runs) {
            if (!r.ok()) {
                continue;
            }
            String m = r.label();
            if (r.spectra() != null) {
                System.out.printf("%nspectra (%s): permutation kept every layer's singular values: %s (max rel. Δσ "
                        + "%.2e)%n", m, r.spectra().invariant() ? "yes" : "NO", r.spectra().maxRelativeChange());
            }
            if (r.alignment() != null) {
                System.out.printf("%nalignment (%s), mean diagonal of the top-%d |UaᵀUb| / |VaᵀVb|, before → after:%n",
                        m, r.alignment().requestedK());
                for (Alignment.LayerAlignment l : r.alignment().layers()) {
                    System.out.printf("  %-28s left %.3f → %.3f   right %.3f → %.3f%n", l.layer(),
                            l.before().leftDiagonal(), l.after().leftDiagonal(), l.before().rightDiagonal(),
                            l.after().rightDiagonal());
                }
            }
            if (r.taylor() != null) {
                System.out.printf("%nTaylor estimate of the midpoint barrier (%s): %.4f, actual %.4f%n", m,
                        r.taylor().estimate().barrier(), r.taylor().actualBarrier());
            }
            Landscape.Result[] planes = {r.landscape(), r.threeLandscape()};
            String[][] names = {{"A", "B", "π(B)"}, {"A", "π(B)", "π(C)"}};
            for (int p = 0; p < planes.length; p++) {
                Landscape.Result l = planes[p];
                if (l != null) {
                    System.out.printf("%nlandscape, %s (%s), %d×%d points, %.1f s:%n", l.plane(), m, l.xs().length,
                            l.ys().length, l.seconds());
                    for (int i = 0; i < l.models().size(); i++) {
                        Landscape.ModelPoint pt = l.models().get(i);
                        System.out.printf("  %-6s at (%.3f, %.3f): loss %.4f, accuracy %.4f%n",
                                i < names[p].length ? names[p][i] : pt.name(), pt.x(), pt.y(), pt.loss(),
                                pt.accuracy());
                    }
                }
            }
        }
        boolean header = false;
        for (Run r : runs) {
            if (!r.ok() || r.three() == null) {
                continue;
            }
            if (!header) {
                System.out.printf("%nthree models%n%-22s %-12s %8s %14s %14s%n", "run", "pair", "matched",
                        "loss barrier", "acc barrier");
                header = true;
            }
            for (ThreeModels.Pair p : r.three().pairs()) {
                System.out.printf("%-22s %-12s %8s %14.4f %14.4f%n", r.label(), p.label(), p.matched() ? "yes" : "no",
                        p.testLossBarrier(), p.testAccuracyBarrier());
            }
        }
    }

    /** The session the GUI would hold after the same analysis. */
    SessionData session(ModelSet set, List<Run> runs, long firstSeed, String focus) {
        List<ModelRef> models = Arrays.asList(set.refA(), set.refB(), set.refC());
        List<SessionData.MethodSetting> settings = new ArrayList<>();
        for (String m : methods) {
            settings.add(new SessionData.MethodSetting(m, true, options));
        }
        DataRef dr = runs.isEmpty() ? null : runs.get(0).key().data();
        List<String> ids = runs.stream().map(r -> r.key().id()).toList();
        String preview = null;
        for (Run r : runs) {
            if (r.key().method().equals(focus) && r.key().seed() == firstSeed) {
                preview = r.key().id();
            }
        }
        return SessionData.of(models, dr, new SessionData.MethodSettings(settings, firstSeed, lambdas.bnReset,
                lambdas.count), runs, new SessionData.UiState(0.5, ids, preview));
    }
}
