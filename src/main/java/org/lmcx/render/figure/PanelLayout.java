package org.lmcx.render.figure;

import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * Where everything of one panel goes, in points: the plot area, the data ranges and ticks of both axes, the
 * legend's rows and, for heatmaps, the colour bar. Also maps data values to positions in the plot area.
 */
record PanelLayout(Rectangle2D plot, double[] xRange, double[] yRange, List<AxisTicks.Tick> xTicks,
                   List<AxisTicks.Tick> yTicks, List<List<Figure.Series>> legendRows, double legendTop,
                   Heatmaps.ColourBar colourBar) {

    static PanelLayout of(Figure.Panel p, Rectangle2D r, FigureMetrics m) {
        double lineH = m.lineH;
        double pad = m.pad;
        double top = r.getY() + pad + (m.theme.titles() && p.title() != null ? lineH * 1.15 + pad : 0);
        List<List<Figure.Series>> rows = Legends.rows(Legends.entries(p), r.getWidth(), m);
        double legendH = rows.isEmpty() ? 0 : rows.size() * lineH + pad;
        double bottom = r.getMaxY() - pad - legendH - lineH - pad * 0.5 - lineH - m.tickLen;
        double[] xr = range(p, true);
        double[] yr = range(p, false);
        List<AxisTicks.Tick> yTicks = AxisTicks.of(p.y(), yr[0], yr[1],
                Math.max(2, (int) ((bottom - top) / (lineH * 2.2))));
        double yLabelW = 0;
        for (AxisTicks.Tick t : yTicks) {
            yLabelW = Math.max(yLabelW, m.width(t.label()));
        }
        double left = r.getX() + pad + lineH + pad * 0.5 + yLabelW + m.tickLen;
        double right = r.getMaxX() - pad - m.width("0.0") / 2;
        Heatmaps.ColourBar bar = null;
        if (p instanceof Figure.Heat h) {
            bar = Heatmaps.colourBar(h.scale(), r, top, bottom, m);
            right = bar.box().getX() - pad * 2;
        }
        List<AxisTicks.Tick> xTicks = AxisTicks.of(p.x(), xr[0], xr[1],
                Math.max(2, (int) ((right - left) / (m.width("0.000") * 1.8))));
        Rectangle2D plot = new Rectangle2D.Double(left, top, Math.max(4, right - left), Math.max(4, bottom - top));
        double legendTop = r.getMaxY() - pad - legendH + pad;
        return new PanelLayout(plot, xr, yr, xTicks, yTicks, rows, legendTop, bar);
    }

    double px(Figure.Panel p, double v) {
        return map(v, xRange[0], xRange[1], plot.getX(), plot.getMaxX(), p.x().log());
    }

    double py(Figure.Panel p, double v) {
        return map(v, yRange[0], yRange[1], plot.getMaxY(), plot.getY(), p.y().log());
    }

    static double map(double v, double lo, double hi, double p0, double p1, boolean log) {
        double t = log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
        return p0 + t * (p1 - p0);
    }

    /** Data range of one axis with a little padding; heatmaps span whole cells. */
    private static double[] range(Figure.Panel p, boolean horizontal) {
        Figure.Axis a = horizontal ? p.x() : p.y();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        if (p instanceof Figure.Heat h) {
            double[] c = horizontal ? h.xs() : h.ys();
            double half = c.length > 1 ? Math.abs(c[1] - c[0]) / 2 : 0.5;
            lo = c.length == 0 ? 0 : c[0] - half;
            hi = c.length == 0 ? 1 : c[c.length - 1] + half;
        } else {
            for (Figure.Series s : ((Figure.Xy) p).series()) {
                double[] v = horizontal ? s.x() : s.y();
                double[] e = horizontal ? null : s.yError();
                for (int i = 0; i < v.length; i++) {
                    double d = e == null || !Double.isFinite(e[i]) ? 0 : Math.abs(e[i]);
                    double l = v[i] - d;
                    double u = v[i] + d;
                    if (a.log() && !(l > 0)) {
                        l = v[i];
                    }
                    if (Double.isFinite(l) && (!a.log() || l > 0)) {
                        lo = Math.min(lo, l);
                    }
                    if (Double.isFinite(u) && (!a.log() || u > 0)) {
                        hi = Math.max(hi, u);
                    }
                }
            }
            if (lo > hi) {
                lo = a.log() ? 1 : 0;
                hi = a.log() ? 10 : 1;
            } else if (!(hi > lo)) {
                lo = a.log() ? lo / 2 : lo - 0.5;
                hi = a.log() ? hi * 2 : hi + 0.5;
            }
            if (a.log()) {
                double f = Math.pow(hi / lo, 0.03);
                lo /= f;
                hi *= f;
            } else {
                double m = (hi - lo) * 0.03;
                lo -= m;
                hi += m;
            }
        }
        if (Double.isFinite(a.min())) {
            lo = a.min();
        }
        if (Double.isFinite(a.max())) {
            hi = a.max();
        }
        return new double[]{lo, hi};
    }
}
