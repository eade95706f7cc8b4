package org.lmcx.cli;

import org.lmcx.model.UserInputException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.lmcx.analysis.Alignment;
import org.lmcx.analysis.Landscape;
import org.lmcx.analysis.PairAnalysis;
import org.lmcx.analysis.Spectra;
import org.lmcx.analysis.TaylorEstimate;
import org.lmcx.analysis.ThreeModels;
import org.lmcx.match.MatchContext;
import org.lmcx.match.MatchResult;
import org.lmcx.match.Matchers;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;
import org.lmcx.render.AlignmentMaps;
import org.lmcx.render.LandscapeGrid;
import org.lmcx.render.SessionData;
import org.lmcx.render.SessionJson;
import org.lmcx.render.SpectrumSet;
import org.lmcx.task.Monitor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "analyze", description = "Matches B to A with each method and traces the interpolation curve of each; "
        + "optionally spectra, singular-vector alignment, the Taylor estimate and the landscape for the last matching "
        + "method, three models with --c; --session writes what the GUI opens, --export renders its charts headless.")
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

    @Option(names = "--seed", defaultValue = "0")
    long seed;
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
    @Option(names = "--out", paramLabel = "FILE", description = "write all results as JSON")
    Path out;
    @Option(names = "--session", paramLabel = "FILE",
            description = "write a session the GUI opens (File → Open session) with all results")
    Path session;
    @Option(names = "--export", paramLabel = "DIR",
            description = "render every chart of the session as PNG + CSV into DIR, headless (as `lmcx export`)")
    Path export;
    @Option(names = {"--quiet", "-q"})
    boolean quiet;

    /**
     * JSON of {@code analyze}: the pair analysis at the top level (as without the extra flags), then what the
     * flags asked for (absent when not requested).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Output(@JsonUnwrapped PairAnalysis.Result pairs, String focusMethod, Spectra.Result spectra,
                  Alignment.Result alignment, TaylorEstimate.Result taylor, Landscape.Result landscape,
                  List<ThreeModels.Result> three, Landscape.Result threeLandscape) {
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
        if (cm != null) {
            a.requireSameArchitecture(cm);
        }
        Dataset train = data.train(seed);
        Dataset test = data.test(seed);
        PairAnalysis.Request req = new PairAnalysis.Request(methods, seed, options, lambdas.options());
        Landscape.Options landscapeOptions = new Landscape.Options(grid, -0.5, 1.5, lambdas.batch, lambdas.bnReset);
        Output o = Run.withProgress(quiet, mon -> {
            int parts = 1 + (cm != null ? 1 : 0) + (extras ? 1 : 0);
            double step = 1.0 / parts;
            PairAnalysis.Result r = PairAnalysis.run(a, b, train, test, req, mon.sub(0, step));
            double at = step;
            List<ThreeModels.Result> three = null;
            if (cm != null) {
                three = new ArrayList<>();
                Monitor m3 = mon.sub(at, at + step);
                for (int i = 0; i < methods.size(); i++) {
                    three.add(ThreeModels.run(a, b, cm, Matchers.get(methods.get(i)),
                            new MatchContext(seed, train, null, perMethod.get(methods.get(i))), train, test, lambdas.options(), false,
                            m3.sub((double) i / methods.size(), (i + 1.0) / methods.size())));
                }
                at += step;
            }
            Spectra.Result sp = null;
            Alignment.Result al = null;
            TaylorEstimate.Result te = null;
            Landscape.Result ls = null;
            Landscape.Result ls3 = null;
            if (extras) {
                Monitor mx = mon.sub(at, 1);
                MatchResult mr = runOf(r, extrasMethod).match();
                Permutation p = mr.permutation();
                Model pb = mr.spec().apply(b, p, "π(" + b.source() + ")");
                if (spectra) {
                    sp = Spectra.compare(a, b, p, mx.sub(0, 0.05));
                }
                if (align) {
                    al = Alignment.run(a, b, p, k, mx.sub(0.05, 0.1));
                }
                if (taylor) {
                    te = TaylorEstimate.run(a, pb, test, new TaylorEstimate.Options(TaylorEstimate.DEFAULT_EPSILON,
                            lambdas.batch), mx.sub(0.1, 0.3));
                }
                if (landscape && focus != null) {
                    ls = Landscape.rebasinPlane(a, b, pb, test, train, landscapeOptions, null,
                            mx.sub(0.3, three == null ? 1 : 0.65));
                }
                if (landscape && three != null) {
                    ThreeModels.Result t = three.get(methods.indexOf(extrasMethod));
                    PermutationSpec spec = PermutationSpec.derive(a.architecture());
                    Model pb3 = spec.apply(b, t.matchB().permutation(), "π(" + b.source() + ")");
                    Model pc3 = spec.apply(cm, t.matchC().permutation(), "π(" + cm.source() + ")");
                    ls3 = Landscape.threeModels(a, pb3, pc3, test, train, landscapeOptions, null,
                            mx.sub(ls == null ? 0.3 : 0.65, 1));
                }
            }
            return new Output(r, extras ? extrasMethod : null, sp, al, te, ls, three, ls3);
        });
        Tables.pairSummary(System.out, o.pairs());
        print(o);
        if (out != null) {
            Json.write(out, o);
            System.out.println("\nwrote " + out);
        }
        if (session != null || export != null) {
            SessionData s = session(o);
            if (session != null) {
                if (session.toAbsolutePath().getParent() != null) {
                    java.nio.file.Files.createDirectories(session.toAbsolutePath().getParent());
                }
                SessionJson.write(s, session);
                System.out.println("wrote session " + session);
            }
            if (export != null) {
                List<Path> files = ExportCommand.exportCharts(s, export, 1200, 700, 2);
                System.out.printf("wrote %d chart files to %s%n", files.size(), export);
            }
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

    private static PairAnalysis.MethodRun runOf(PairAnalysis.Result r, String method) {
        PairAnalysis.MethodRun found = null;
        for (PairAnalysis.MethodRun m : r.runs()) {
            if (m.match().method().equals(method)) {
                found = m;
            }
        }
        if (found == null) {
            throw new IllegalStateException("no run of " + method);
        }
        return found;
    }

    private void print(Output o) {
        String m = o.focusMethod();
        if (o.spectra() != null) {
            System.out.printf("%nspectra (%s): permutation kept every layer's singular values: %s (max rel. Δσ %.2e)%n",
                    m, o.spectra().invariant() ? "yes" : "NO", o.spectra().maxRelativeChange());
        }
        if (o.alignment() != null) {
            System.out.printf("%nalignment (%s), mean diagonal of the top-%d |UaᵀUb| / |VaᵀVb|, before → after:%n", m, k);
            for (Alignment.LayerAlignment l : o.alignment().layers()) {
                System.out.printf("  %-28s left %.3f → %.3f   right %.3f → %.3f%n", l.layer(),
                        l.before().leftDiagonal(), l.after().leftDiagonal(), l.before().rightDiagonal(),
                        l.after().rightDiagonal());
            }
        }
        if (o.taylor() != null) {
            System.out.printf("%nTaylor estimate of the midpoint barrier (%s): %.4f, actual %.4f%n", m,
                    o.taylor().estimate().barrier(), o.taylor().actualBarrier());
        }
        Landscape.Result[] planes = {o.landscape(), o.threeLandscape()};
        String[][] names = {{"A", "B", "π(B)"}, {"A", "π(B)", "π(C)"}};
        for (int k = 0; k < planes.length; k++) {
            Landscape.Result l = planes[k];
            if (l != null) {
                System.out.printf("%nlandscape, %s (%s), %d×%d points, %.1f s:%n", l.plane(), m, l.xs().length,
                        l.ys().length, l.seconds());
                for (int i = 0; i < l.models().size(); i++) {
                    Landscape.ModelPoint p = l.models().get(i);
                    System.out.printf("  %-6s at (%.3f, %.3f): loss %.4f, accuracy %.4f%n",
                            i < names[k].length ? names[k][i] : p.name(), p.x(), p.y(), p.loss(), p.accuracy());
                }
            }
        }
        if (o.three() != null) {
            System.out.printf("%nthree models%n%-10s %-12s %14s %14s%n", "method", "pair", "loss barrier",
                    "acc barrier");
            for (ThreeModels.Result r : o.three()) {
                for (ThreeModels.Pair p : r.pairs()) {
                    System.out.printf("%-10s %-12s %14.4f %14.4f%n", r.method(), p.label(),
                            p.curve().test().lossBarrier().value(), p.curve().test().accuracyBarrier().value());
                }
            }
        }
    }

    /** The session the GUI would hold after the same analysis: built with render's own factories. */
    SessionData session(Output o) {
        List<String> models = new ArrayList<>();
        models.add(pair.a.toAbsolutePath().toString());
        models.add(pair.b.toAbsolutePath().toString());
        models.add(c == null ? null : c.toAbsolutePath().toString());
        List<SessionData.MethodSetting> settings = new ArrayList<>();
        List<SessionData.RunData> runs = new ArrayList<>();
        for (PairAnalysis.MethodRun r : o.pairs().runs()) {
            settings.add(new SessionData.MethodSetting(r.match().method(), true, options));
            runs.add(SessionData.RunData.of(r, options));
        }
        String m = o.focusMethod();
        List<SessionData.ThreeModelRun> three = new ArrayList<>();
        if (o.three() != null) {
            for (ThreeModels.Result t : o.three()) {
                three.add(SessionData.ThreeModelRun.of(t, options));
            }
        }
        return new SessionData(SessionData.CURRENT_VERSION, models,
                new SessionData.DataSettings(data.dir == null ? null : data.dir.toAbsolutePath().toString(),
                        data.trainSize, data.testSize), seed, settings, runs,
                o.landscape() == null ? null : LandscapeGrid.of(o.landscape(), List.of("A", "B", "π(B) " + m)),
                o.spectra() == null ? List.of() : SpectrumSet.of(o.spectra()),
                o.alignment() == null ? List.of() : AlignmentMaps.of(o.alignment(), m), 0.5, three,
                o.threeLandscape() == null ? null
                        : LandscapeGrid.of(o.threeLandscape(), List.of("A", "π(B) " + m, "π(C) " + m)));
    }
}
