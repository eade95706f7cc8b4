package org.lmcx.render.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/** A heatmap panel's cells and its colour bar (viridis, linear or log, with matplotlib's "extend" triangle). */
final class Heatmaps {

    /** The colour bar's box and ticks, placed at the right of the panel. */
    record ColourBar(Rectangle2D box, List<AxisTicks.Tick> ticks) {
    }

    private Heatmaps() {
    }

    static ColourBar colourBar(Figure.ColourScale s, Rectangle2D r, double top, double bottom, FigureMetrics m) {
        List<AxisTicks.Tick> ticks = s.log() ? AxisTicks.log(s.lo(), s.hi()) : AxisTicks.linear(s.lo(), s.hi(),
                Math.max(2, (int) ((bottom - top) / (m.lineH * 2.2))));
        double labelW = 0;
        for (AxisTicks.Tick t : ticks) {
            labelW = Math.max(labelW, m.width(t.label()));
        }
        double barW = m.theme.fontPt() * 0.9;
        double barRight = r.getMaxX() - m.pad - m.lineH - m.pad * 0.5 - labelW - m.tickLen;
        double barTop = top + (s.cappedHigh() ? m.lineH * 1.6 : 0) + barW * 0.3;
        return new ColourBar(new Rectangle2D.Double(barRight - barW, barTop, barW, Math.max(4, bottom - barTop)),
                ticks);
    }

    /** Each cell centred on its coordinate; cells overlap by a hair so no viewer shows seams between them. */
    static void drawCells(Graphics2D g, Figure.Heat h, PanelLayout l) {
        double[] xs = h.xs();
        double[] ys = h.ys();
        double[][] z = h.z();
        Figure.ColourScale s = h.scale();
        double dx = xs.length > 1 ? Math.abs(xs[1] - xs[0]) : 1;
        double dy = ys.length > 1 ? Math.abs(ys[1] - ys[0]) : 1;
        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        double hair = 0.15;
        for (int j = 0; j < ys.length; j++) {
            double y0 = l.py(h, ys[j] + dy / 2);
            double y1 = l.py(h, ys[j] - dy / 2);
            for (int i = 0; i < xs.length; i++) {
                double x0 = l.px(h, xs[i] - dx / 2);
                double x1 = l.px(h, xs[i] + dx / 2);
                g.setColor(cellColour(z[j][i], s));
                g.fill(new Rectangle2D.Double(x0, Math.min(y0, y1), x1 - x0 + hair, Math.abs(y1 - y0) + hair));
            }
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
    }

    static Color cellColour(double v, Figure.ColourScale s) {
        if (!Double.isFinite(v)) {
            return Glyphs.NAN_CELL;
        }
        double t;
        if (s.log()) {
            t = v <= 0 ? 0 : (Math.log10(v) - Math.log10(s.lo())) / (Math.log10(s.hi()) - Math.log10(s.lo()));
        } else {
            t = (v - s.lo()) / (s.hi() - s.lo());
        }
        return Glyphs.viridis(t);
    }

    static void drawColourBar(Graphics2D g, Figure.ColourScale s, ColourBar bar, FigureMetrics m) {
        Rectangle2D b = bar.box();
        int steps = 128;
        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        for (int i = 0; i < steps; i++) {
            double y0 = b.getMaxY() - (i + 1) * b.getHeight() / steps;
            g.setColor(Glyphs.viridis((i + 0.5) / steps));
            g.fill(new Rectangle2D.Double(b.getX(), y0, b.getWidth(), b.getHeight() / steps + 0.2));
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke((float) (m.theme.lineWidthPt() * 0.5)));
        g.draw(b);
        g.setFont(m.font);
        double asc = m.ascent();
        double labelW = 0;
        for (AxisTicks.Tick t : bar.ticks()) {
            double y = PanelLayout.map(t.value(), s.lo(), s.hi(), b.getMaxY(), b.getY(), s.log());
            if (y < b.getY() - 0.01 || y > b.getMaxY() + 0.01) {
                continue;
            }
            double len = t.major() ? m.tickLen : m.tickLen * 0.55;
            g.draw(new Line2D.Double(b.getMaxX(), y, b.getMaxX() + len, y));
            if (!t.label().isEmpty()) {
                labelW = Math.max(labelW, m.width(t.label()));
                g.drawString(t.label(), (float) (b.getMaxX() + m.tickLen + 1.5), (float) (y + asc * 0.4));
            }
        }
        if (s.cappedHigh()) {
            // matplotlib's "extend" triangle: values above the top of the bar exist and take its colour.
            Path2D tri = new Path2D.Double();
            double h = b.getWidth() * 0.9;
            tri.moveTo(b.getX(), b.getY());
            tri.lineTo(b.getMaxX(), b.getY());
            tri.lineTo(b.getCenterX(), b.getY() - h);
            tri.closePath();
            g.setColor(Glyphs.viridis(1));
            g.fill(tri);
            g.setColor(Color.BLACK);
            g.draw(tri);
            String note = "max " + compact(s.dataMax());
            double w = m.width(note);
            g.drawString(note, (float) Math.min(b.getCenterX() - w / 2, b.getMaxX() + m.tickLen + labelW
                    - w + m.lineH), (float) (b.getY() - h - m.pad * 0.5));
        }
        String label = m.fit(s.quantity() + (s.log() ? " (log)" : ""), m.font, b.getHeight());
        AffineTransform old = g.getTransform();
        g.translate(b.getMaxX() + m.tickLen + 1.5 + labelW + m.pad * 0.5 + asc, b.getCenterY());
        g.rotate(-Math.PI / 2);
        g.drawString(label, (float) (-m.width(label) / 2), 0f);
        g.setTransform(old);
    }

    static String compact(double v) {
        if (v != 0 && (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3)) {
            return String.format(java.util.Locale.ROOT, "%.2g", v);
        }
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
