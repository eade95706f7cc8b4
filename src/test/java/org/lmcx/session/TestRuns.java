package org.lmcx.session;

import org.lmcx.analysis.Alignment;
import org.lmcx.analysis.Barrier;
import org.lmcx.analysis.Interpolation;
import org.lmcx.analysis.Landscape;
import org.lmcx.analysis.Spectra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Synthetic runs and sessions with every kind of result, for tests that need no model. */
public final class TestRuns {

    public static final ModelRef A = new ModelRef("/models/a.safetensors", "aa".repeat(32), "mlp[2]");
    public static final ModelRef B = new ModelRef("/models/b.safetensors", "bb".repeat(32), "mlp[2]");
    public static final DataRef DATA = new DataRef("/data", 1000, 2000, DataRef.FIRST, null, List.of(), List.of());

    private TestRuns() {
    }

    public static Interpolation.Result curve(String label, double height) {
        double[] l = Interpolation.grid(0, 1, 11);
        double[] loss = new double[l.length];
        double[] acc = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            loss[i] = 0.35 + height * 4 * l[i] * (1 - l[i]);
            acc[i] = 0.87 - height * 0.3 * 4 * l[i] * (1 - l[i]);
        }
        Barrier[] lb = Barrier.of(l, loss, false);
        Barrier[] ab = Barrier.of(l, acc, true);
        Interpolation.SplitCurve test = new Interpolation.SplitCurve("test", loss, acc, lb[0], lb[1], ab[0], ab[1]);
        double[] trl = loss.clone();
        for (int i = 0; i < trl.length; i++) {
            trl[i] -= 0.05;
        }
        Barrier[] tlb = Barrier.of(l, trl, false);
        Interpolation.SplitCurve train = new Interpolation.SplitCurve("train", trl, acc, tlb[0], tlb[1], ab[0],
                ab[1]);
        return new Interpolation.Result(label, l, train, test, false, 1.0);
    }

    public static RunKey key(String method, Map<String, String> options, long seed, boolean bnReset) {
        List<Double> l = new ArrayList<>();
        for (double x : Interpolation.grid(0, 1, 11)) {
            l.add(x);
        }
        return new RunKey(A, B, null, "mlp[2]", DATA, method, options, seed, bnReset, l, "test");
    }

    /** A plain run: match summary and curve only. */
    public static Run run(String method, Map<String, String> options, long seed, boolean bnReset, double height) {
        MatchSummary m = new MatchSummary(20 - height, 10, 5, 0.4, 23.6, 17.9 + height,
                Map.of("P_fc1", new int[]{1, 0}));
        return new Run(key(method, options, seed, bnReset), "2026-12-02T01:00:00Z", 1.5, m, curve(method, height),
                null, null, null, null, null, null, null, null);
    }

    /** An identity run and a WM run with spectra, alignment and a landscape. */
    public static SessionData session() {
        Run id = run("identity", Map.of(), 0, false, 0.9);
        Run wm = run("wm", Map.of("max_iter", "100"), 0, false, 0.05);
        int n = 21;
        double[] x = Interpolation.grid(-0.5, 1.5, n);
        double[] y = Interpolation.grid(-0.5, 1.0, 16);
        double[][] z = new double[y.length][x.length];
        double[][] acc = new double[y.length][x.length];
        for (int j = 0; j < y.length; j++) {
            for (int i = 0; i < x.length; i++) {
                z[j][i] = 0.3 + Math.pow(x[i] - 0.0, 2) * Math.pow(x[i] - 1.0, 2) * 3 + y[j] * y[j] * 2;
                acc[j][i] = 0.9 - z[j][i] / 10;
            }
        }
        Landscape.Result plane = new Landscape.Result(Landscape.REBASIN, "test", x, y, z, acc,
                List.of(new Landscape.ModelPoint("A", 0, 0, 0.3, 0.9), new Landscape.ModelPoint("B", 1, 0, 0.3, 0.9),
                        new Landscape.ModelPoint("π(B)", 0.8, 0.6, 0.35, 0.88)), n * 16, true, false, 2.0);
        double[][] sv = new double[3][40];
        for (int s = 0; s < 3; s++) {
            for (int k = 0; k < 40; k++) {
                sv[s][k] = 10 * Math.exp(-k / (9.0 + s)) + 0.1;
            }
        }
        Spectra.Result spectra = new Spectra.Result(Spectra.CONVENTION, List.of(new Spectra.LayerSpectrum("fc1",
                "fc1.weight", 40, 784, sv[0], sv[1], sv[1], 0)), 0, 0.1);
        int k = 12;
        double[][] before = new double[k][k];
        double[][] after = new double[k][k];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                before[i][j] = 0.3 * r.nextDouble();
                after[i][j] = i == j ? 0.9 - 0.03 * i : 0.1 * r.nextDouble();
            }
        }
        double[] sig = new double[k];
        java.util.Arrays.fill(sig, 1);
        Alignment.Result align = new Alignment.Result(Spectra.CONVENTION, k, List.of(new Alignment.LayerAlignment(
                "fc1", "fc1.weight", 40, 784, k, sig, sig,
                new Alignment.Overlap(before, before, 0.1, 0.1, 0.1, 0.1),
                new Alignment.Overlap(after, after, 0.8, 0.8, 0.8, 0.8))), 0.2);
        Run full = new Run(wm.key(), wm.finished(), wm.seconds(), wm.match(), wm.curve(), spectra, align, null, null,
                null, plane, null, null);
        return SessionData.of(java.util.Arrays.asList(A, B, null), DATA, new SessionData.MethodSettings(
                        List.of(new SessionData.MethodSetting("wm", true, Map.of())), 0, false, 11),
                List.of(id, full), new SessionData.UiState(0.5, List.of(id.key().id(), full.key().id()),
                        full.key().id()));
    }
}
