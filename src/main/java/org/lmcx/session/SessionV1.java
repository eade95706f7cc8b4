package org.lmcx.session;

import org.lmcx.analysis.Alignment;
import org.lmcx.analysis.Interpolation;
import org.lmcx.analysis.Landscape;
import org.lmcx.analysis.Spectra;
import org.lmcx.analysis.ThreeModels;
import org.lmcx.match.Matchers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The version-1 session format (one global seed; spectra, alignment and landscape kept once for the whole
 * session rather than per run; three-model runs beside the pair runs) and its migration to
 * {@link SessionData} version 2. What version 1 did not record is filled in honestly: model refs carry the
 * file but no hash ({@link SessionData#withModelRefs} adds it once the models are open again), each run's
 * seed is the global seed, its options are completed with the method's current defaults, its program version
 * reads "session v1". The global spectra, alignment maps and landscape go to the run they were computed for:
 * the alignment maps name their method, the landscape names it in its π(B) marker, the spectra go to the run
 * of the alignment's method or else the last non-identity run. Three-model runs join the pair run of the same
 * method; a pair counts as matched only where the method matched it (a–π(b), a–π(c); never π(b)–π(c), never for
 * the identity).
 */
record SessionV1(int version, List<String> models, DataSettings data, long seed, List<MethodSetting> methods,
                 List<RunData> runs, LandscapeGrid landscape, List<SpectrumSet> spectra,
                 List<AlignmentMaps> alignment, double lambda, List<ThreeRun> three, LandscapeGrid threeLandscape) {

    static final String VERSION_LABEL = "session v1";

    record DataSettings(String dir, int trainSize, int testSize) {
    }

    record MethodSetting(String name, boolean enabled, Map<String, String> options) {
    }

    record RunData(String method, Map<String, String> options, double objective, double identityObjective,
                   int sweeps, double seconds, double l2Before, double l2After, Interpolation.Result curve,
                   Map<String, int[]> permutation) {
    }

    record ThreeRun(String method, Map<String, String> options, List<ThreeModels.Pair> pairs,
                    Map<String, int[]> permutationB, Map<String, int[]> permutationC, double seconds) {
    }

    static SessionData migrate(SessionV1 v) {
        List<String> paths = v.models == null ? List.of() : v.models;
        List<ModelRef> refs = new ArrayList<>();
        for (String p : paths) {
            refs.add(p == null ? null : new ModelRef(p, null, null));
        }
        ModelRef a = refs.size() > 0 ? refs.get(0) : null;
        ModelRef b = refs.size() > 1 ? refs.get(1) : null;
        ModelRef c = refs.size() > 2 ? refs.get(2) : null;
        DataRef data = v.data == null ? null : new DataRef(v.data.dir, v.data.trainSize, v.data.testSize,
                DataRef.FIRST, null, List.of(), List.of());
        List<RunData> runs = v.runs == null ? List.of() : v.runs;
        List<AlignmentMaps> maps = v.alignment == null ? List.of() : v.alignment;
        String alignMethod = maps.isEmpty() ? null : maps.get(0).method();
        String spectraMethod = alignMethod != null ? alignMethod : lastMatching(runs);
        String landscapeMethod = markerMethod(v.landscape, 2);
        String threeLandscapeMethod = markerMethod(v.threeLandscape, 1);

        List<Run> out = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (RunData r : runs) {
            if (a == null || b == null || !Matchers.has(r.method)) {
                continue;
            }
            ThreeRun t = threeOf(v.three, r.method);
            ModelRef keyC = t != null ? c : null;
            Interpolation.Result curve = r.curve;
            List<Double> lambdas = new ArrayList<>();
            if (curve != null) {
                for (double l : curve.lambdas()) {
                    lambdas.add(l);
                }
            }
            RunKey key = new RunKey(a, b, keyC, null, data, r.method,
                    RunKey.completeOptions(Matchers.get(r.method), r.options), v.seed,
                    curve != null && curve.bnReset(), lambdas, VERSION_LABEL);
            MatchSummary match = new MatchSummary(r.objective, r.identityObjective, r.sweeps, r.seconds, r.l2Before,
                    r.l2After, r.permutation);
            ThreeModelRun three = null;
            if (t != null) {
                boolean matched = !"identity".equals(r.method);
                List<ThreeModels.Pair> pairs = new ArrayList<>();
                for (ThreeModels.Pair p : t.pairs) {
                    pairs.add(new ThreeModels.Pair(p.label(), p.matched() && matched && !p.label().startsWith("π(b)"),
                            p.curve()));
                }
                three = new ThreeModelRun(new MatchSummary(Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN,
                        Double.NaN, t.permutationC), pairs, t.seconds);
            }
            boolean focusSpectra = r.method.equals(spectraMethod) && v.spectra != null && !v.spectra.isEmpty();
            double seconds = r.seconds + (curve == null ? 0 : curve.seconds());
            Run run = new Run(key, null, seconds, match, curve,
                    focusSpectra ? spectra(v.spectra) : null,
                    alignment(maps, r.method),
                    null, three, null,
                    r.method.equals(landscapeMethod) ? landscape(v.landscape, Landscape.REBASIN) : null,
                    three != null && r.method.equals(threeLandscapeMethod)
                            ? landscape(v.threeLandscape, Landscape.THREE_MODELS) : null,
                    null);
            String bad = run.firstNonFinite();
            out.add(bad == null ? run : run.withFailure(bad));
            ids.add(key.id());
        }
        List<SessionData.MethodSetting> ms = new ArrayList<>();
        if (v.methods != null) {
            for (MethodSetting m : v.methods) {
                ms.add(new SessionData.MethodSetting(m.name, m.enabled, m.options));
            }
        }
        int points = runs.isEmpty() || runs.get(0).curve == null ? 25 : runs.get(0).curve.lambdas().length;
        boolean bn = !runs.isEmpty() && runs.get(0).curve != null && runs.get(0).curve.bnReset();
        return SessionData.of(refs, data, new SessionData.MethodSettings(ms, v.seed, bn, points), out,
                new SessionData.UiState(v.lambda, ids, ids.isEmpty() ? null : ids.get(ids.size() - 1)));
    }

    private static String lastMatching(List<RunData> runs) {
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (!"identity".equals(runs.get(i).method)) {
                return runs.get(i).method;
            }
        }
        return runs.isEmpty() ? null : runs.get(runs.size() - 1).method;
    }

    /** The method named in a marker label such as "π(B) wm". */
    private static String markerMethod(LandscapeGrid g, int marker) {
        if (g == null || g.markers().size() <= marker) {
            return null;
        }
        String label = g.markers().get(marker).label();
        int sp = label.lastIndexOf(' ');
        return sp < 0 ? null : label.substring(sp + 1);
    }

    private static ThreeRun threeOf(List<ThreeRun> three, String method) {
        if (three != null) {
            for (ThreeRun t : three) {
                if (t.method.equals(method)) {
                    return t;
                }
            }
        }
        return null;
    }

    private static Spectra.Result spectra(List<SpectrumSet> sets) {
        List<Spectra.LayerSpectrum> layers = new ArrayList<>();
        double worst = 0;
        for (SpectrumSet s : sets) {
            double[] a = series(s, 0);
            double[] b = series(s, 1);
            double[] pb = series(s, 2);
            double change = 0;
            for (int k = 0; k < Math.min(b.length, pb.length); k++) {
                change = Math.max(change, Math.abs(pb[k] - b[k]));
            }
            double rel = b.length > 0 && b[0] > 0 ? change / b[0] : change;
            worst = Math.max(worst, rel);
            String tensor = s.layer();
            String layer = tensor.endsWith(".weight") ? tensor.substring(0, tensor.length() - 7) : tensor;
            layers.add(new Spectra.LayerSpectrum(layer, tensor, 0, 0, a, b, pb, rel));
        }
        return new Spectra.Result(Spectra.CONVENTION, layers, worst, Double.NaN);
    }

    private static double[] series(SpectrumSet s, int i) {
        return i < s.series().size() ? s.series().get(i).values() : new double[0];
    }

    private static Alignment.Result alignment(List<AlignmentMaps> maps, String method) {
        Map<String, AlignmentMaps[]> byLayer = new LinkedHashMap<>();
        int k = 0;
        for (AlignmentMaps m : maps) {
            if (!method.equals(m.method())) {
                continue;
            }
            AlignmentMaps[] lr = byLayer.computeIfAbsent(m.layer(), x -> new AlignmentMaps[2]);
            lr["left".equals(m.side()) ? 0 : 1] = m;
            k = Math.max(k, m.before().length);
        }
        if (byLayer.isEmpty()) {
            return null;
        }
        List<Alignment.LayerAlignment> layers = new ArrayList<>();
        for (Map.Entry<String, AlignmentMaps[]> e : byLayer.entrySet()) {
            AlignmentMaps left = e.getValue()[0];
            AlignmentMaps right = e.getValue()[1];
            if (left == null || right == null) {
                continue;
            }
            String tensor = e.getKey();
            String layer = tensor.endsWith(".weight") ? tensor.substring(0, tensor.length() - 7) : tensor;
            layers.add(new Alignment.LayerAlignment(layer, tensor, 0, 0, left.before().length, new double[0],
                    new double[0], overlap(left.before(), right.before()), overlap(left.after(), right.after())));
        }
        return new Alignment.Result(Spectra.CONVENTION, k, layers, Double.NaN);
    }

    private static Alignment.Overlap overlap(double[][] left, double[][] right) {
        return new Alignment.Overlap(left, right, AlignmentMaps.diagonalMean(left), AlignmentMaps.diagonalMean(right),
                Double.NaN, Double.NaN);
    }

    /** A v1 grid held loss only ({@link LandscapeGrid#toResult()}); its plane is the one v1 stored it as. */
    private static Landscape.Result landscape(LandscapeGrid g, String plane) {
        if (g == null) {
            return null;
        }
        Landscape.Result r = g.toResult();
        return new Landscape.Result(plane, r.data(), r.xs(), r.ys(), r.loss(), r.accuracy(), r.models(),
                r.computed(), r.complete(), r.bnReset(), r.seconds());
    }
}
