package org.lmcx.render;

import org.lmcx.analysis.Barrier;
import org.lmcx.analysis.Interpolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A synthetic session with every kind of result, for render tests that need no model. */
final class RenderTestData {

    private RenderTestData() {
    }

    static Interpolation.Result curve(String label, double height) {
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

    static SessionData session() {
        List<SessionData.RunData> runs = List.of(
                new SessionData.RunData("identity", Map.of(), 10, 10, 0, 0.01, 23.6, 23.6, curve("identity", 0.9), null),
                new SessionData.RunData("wm", Map.of("max_iter", "100"), 20, 10, 5, 0.4, 23.6, 17.9,
                        curve("wm", 0.05), Map.of("P_fc1", new int[]{1, 0})));
        int n = 21;
        double[] x = Interpolation.grid(-0.5, 1.5, n);
        double[] y = Interpolation.grid(-0.5, 1.0, 16);
        double[][] z = new double[y.length][x.length];
        for (int j = 0; j < y.length; j++) {
            for (int i = 0; i < x.length; i++) {
                z[j][i] = 0.3 + Math.pow(x[i] - 0.0, 2) * Math.pow(x[i] - 1.0, 2) * 3 + y[j] * y[j] * 2;
            }
        }
        LandscapeGrid g = new LandscapeGrid("plane through A, B, π(B)", x, y, z, "test loss", "nats",
                List.of(new LandscapeGrid.Marker("A", 0, 0), new LandscapeGrid.Marker("B", 1, 0),
                        new LandscapeGrid.Marker("π(B)", 0.8, 0.6)), null, null);
        List<SpectrumSet.Series> ss = new ArrayList<>();
        for (String m : new String[]{"A", "B", "π(B)", "merged λ=0.50"}) {
            double[] v = new double[40];
            for (int k = 0; k < v.length; k++) {
                v[k] = 10 * Math.exp(-k / (m.startsWith("merged") ? 6.0 : 9.0)) + 0.1;
            }
            ss.add(new SpectrumSet.Series(m, v));
        }
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
        return new SessionData(SessionData.CURRENT_VERSION, List.of("a.safetensors", "b.safetensors"),
                new SessionData.DataSettings("/data", 1000, 2000), 0,
                List.of(new SessionData.MethodSetting("wm", true, Map.of())), runs, g,
                List.of(new SpectrumSet("fc1.weight", ss)),
                List.of(new AlignmentMaps("fc1.weight", "left", "wm", before, after)), 0.5, List.of(), null);
    }
}
