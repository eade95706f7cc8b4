package org.lmcx.render.figure;

import org.lmcx.render.Contours;
import org.lmcx.session.LandscapeGrid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Landscape figures: a plane's loss and accuracy side by side, or two planes with one shared colour scale; each
 * with contour lines, the models marked, θ(λ) on request, and a colour bar that says when it is capped.
 */
public final class LandscapeFigures {

    private LandscapeFigures() {
    }

    /**
     * The colour cap of a surface: automatic = the 90th percentile when the maximum is more than 1.5× above it
     * (far corners of a plane can be orders of magnitude worse than the basins the picture is about).
     */
    public static double cap(double[][] z, double setting) {
        if (!Double.isNaN(setting)) {
            return setting;
        }
        double[] q = Contours.levels(z, 9);
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : z) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    hi = Math.max(hi, v);
                }
            }
        }
        if (q.length == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double c = q[q.length - 1];
        return hi > 1.5 * c ? c : Double.POSITIVE_INFINITY;
    }

    /** One heat panel of a grid (loss or accuracy), colour scale from {@code cap}/{@code log}. */
    public static Figure.Heat panel(LandscapeGrid g, double cap, boolean log, double lambda) {
        Figure.ColourScale scale = Figure.ColourScale.of(quantity(g), g.z(), cap, log);
        return panel(g, scale, lambda);
    }

    public static Figure.Heat panel(LandscapeGrid g, Figure.ColourScale scale, double lambda) {
        double[][] z = g.z();
        List<Figure.Series> over = new ArrayList<>();
        double[][] iso = Contours.lines(g.x(), g.y(), z, Contours.levels(z, 10));
        over.add(new Figure.Series(null, iso[0], iso[1], null, 0, false, Figure.Kind.PLAIN, "#FFFFFF"));
        for (int i = 0; i < g.markers().size(); i++) {
            LandscapeGrid.Marker m = g.markers().get(i);
            over.add(new Figure.Series(m.label(), new double[]{m.x()}, new double[]{m.y()}, null, i + 1, false,
                    Figure.Kind.POINTS, null));
        }
        String x = g.xName() == null ? LandscapeGrid.REBASIN_X : g.xName();
        String y = g.yName() == null ? LandscapeGrid.REBASIN_Y : g.yName();
        Figure.Heat h = Figure.Heat.of(g.zName().substring(0, 1).toUpperCase(Locale.ROOT) + g.zName().substring(1),
                Figure.Axis.of(x, null), Figure.Axis.of(y, null), g.x(), g.y(), z, scale, over);
        double[] at = thetaOfLambda(g, lambda);
        return at == null ? h : h.withLambdaMark(new Figure.Series(String.format(java.util.Locale.ROOT, "θ(λ=%.2f)",
                lambda), new double[]{at[0]}, new double[]{at[1]}, null, 0, false, Figure.Kind.POINTS, null));
    }

    /**
     * θ(λ) = (1−λ)·A + λ·π(B) in plane coordinates: A and π(B) both lie on every plane drawn here, so θ(λ) is
     * on the segment between their markers. Null when either is missing or λ is NaN.
     */
    public static double[] thetaOfLambda(LandscapeGrid g, double lambda) {
        if (Double.isNaN(lambda)) {
            return null;
        }
        LandscapeGrid.Marker a = null;
        LandscapeGrid.Marker pb = null;
        for (LandscapeGrid.Marker m : g.markers()) {
            if ("A".equals(m.label())) {
                a = m;
            } else if (m.label().startsWith("π(B)")) {
                pb = m;
            }
        }
        if (a == null || pb == null) {
            return null;
        }
        return new double[]{a.x() + lambda * (pb.x() - a.x()), a.y() + lambda * (pb.y() - a.y())};
    }

    static String quantity(LandscapeGrid g) {
        return g.zUnit() == null || g.zUnit().isBlank() ? g.zName() : g.zName() + " [" + g.zUnit() + "]";
    }

    /** Loss and (when kept) accuracy of one plane side by side; the table holds both. */
    public static FigureSpec lossAndAccuracy(String stem, LandscapeGrid g, FigureOptions o) {
        List<Figure.Panel> panels = new ArrayList<>();
        panels.add(panel(g, cap(g.z(), o.landscapeCap()), o.landscapeLogColour(), o.lambda()));
        LandscapeGrid acc = g.accuracyGrid();
        // Sessions from before accuracy was kept migrate with an all-NaN surface: no empty grey panel for it.
        if (acc != null && !Double.isNaN(acc.finiteRange()[0])) {
            panels.add(panel(acc, Double.POSITIVE_INFINITY, false, o.lambda()));
        }
        Figure f = new Figure(g.title(), panels);
        return new FigureSpec(stem, f, table(g), meta(g, (Figure.Heat) panels.get(0)));
    }

    /** Two planes (or two methods' planes) side by side on one colour scale, so they compare by colour. */
    public static FigureSpec sideBySide(String stem, LandscapeGrid left, LandscapeGrid right, FigureOptions o) {
        double[][] both = concat(left.z(), right.z());
        Figure.ColourScale s = Figure.ColourScale.of(quantity(left), both, cap(both, o.landscapeCap()),
                o.landscapeLogColour());
        Figure f = Figure.of(left.zName() + " on two planes, one colour scale",
                withTitle(panel(left, s, o.lambda()), left.title()), withTitle(panel(right, s, o.lambda()), right.title()));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("colourScale", scaleMeta(s));
        meta.put("left", left.title());
        meta.put("right", right.title());
        return new FigureSpec(stem, f, null, meta);
    }

    private static Figure.Heat withTitle(Figure.Heat h, String title) {
        return new Figure.Heat(shortTitle(title), h.x(), h.y(), h.xs(), h.ys(), h.z(), h.scale(), h.overlays(),
                h.lambdaMark());
    }

    private static String shortTitle(String t) {
        int i = t.indexOf(", ");
        int k = t.lastIndexOf(", ");
        return k > i && t.substring(k).contains("points") ? t.substring(0, k) : t;
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static Table table(LandscapeGrid g) {
        LandscapeGrid acc = g.accuracyGrid();
        Table.Builder t = acc == null ? new Table.Builder("x", "y", "test_loss")
                : new Table.Builder("x", "y", "test_loss", "test_accuracy_percent");
        double[] xs = g.x();
        double[] ys = g.y();
        double[][] z = g.z();
        double[][] a = acc == null ? null : acc.z();
        for (int j = 0; j < ys.length; j++) {
            for (int i = 0; i < xs.length; i++) {
                if (a == null) {
                    t.row(xs[i], ys[j], z[j][i]);
                } else {
                    t.row(xs[i], ys[j], z[j][i], a[j][i]);
                }
            }
        }
        return t.build();
    }

    static Map<String, Object> meta(LandscapeGrid g, Figure.Heat loss) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plane", g.title());
        m.put("xAxis", g.xName() == null ? LandscapeGrid.REBASIN_X : g.xName());
        m.put("yAxis", g.yName() == null ? LandscapeGrid.REBASIN_Y : g.yName());
        m.put("units", Map.of("test_loss", "nats", "test_accuracy_percent", "%"));
        List<Map<String, Object>> ms = new ArrayList<>();
        for (LandscapeGrid.Marker mk : g.markers()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("label", mk.label());
            e.put("x", mk.x());
            e.put("y", mk.y());
            ms.add(e);
        }
        m.put("markers", ms);
        m.put("colourScale", scaleMeta(loss.scale()));
        return m;
    }

    static Map<String, Object> scaleMeta(Figure.ColourScale s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("quantity", s.quantity());
        m.put("from", s.lo());
        m.put("to", s.hi());
        m.put("log", s.log());
        m.put("cappedAbove", s.cappedHigh());
        m.put("dataMin", s.dataMin());
        m.put("dataMax", s.dataMax());
        return m;
    }
}
