package org.lmcx.render.figure;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/** A panel's legend below its plot: one entry per labelled series, wrapped into centred rows. */
final class Legends {

    private Legends() {
    }

    static List<Figure.Series> entries(Figure.Panel p) {
        List<Figure.Series> out = new ArrayList<>();
        List<Figure.Series> all = p instanceof Figure.Xy xy ? xy.series() : ((Figure.Heat) p).overlays();
        for (Figure.Series s : all) {
            if (s.label() != null && !s.label().isBlank()) {
                out.add(s);
            }
        }
        return out;
    }

    static List<List<Figure.Series>> rows(List<Figure.Series> entries, double width, FigureMetrics m) {
        List<List<Figure.Series>> rows = new ArrayList<>();
        List<Figure.Series> row = new ArrayList<>();
        double x = 0;
        double avail = width - 2 * m.pad;
        for (Figure.Series s : entries) {
            double w = entryWidth(s, m);
            if (!row.isEmpty() && x + w > avail) {
                rows.add(row);
                row = new ArrayList<>();
                x = 0;
            }
            row.add(s);
            x += w;
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return rows;
    }

    private static double sampleWidth(FigureMetrics m) {
        return m.theme.fontPt() * 2.4;
    }

    private static double entryWidth(Figure.Series s, FigureMetrics m) {
        return sampleWidth(m) + m.pad * 0.6 + m.width(s.label()) + m.theme.fontPt() * 1.2;
    }

    static void draw(Graphics2D g, PanelLayout l, Rectangle2D r, SeriesPainter painter, FigureMetrics m) {
        g.setFont(m.font);
        double asc = m.ascent();
        double y = l.legendTop();
        double sample = sampleWidth(m);
        for (List<Figure.Series> row : l.legendRows()) {
            double total = 0;
            for (Figure.Series s : row) {
                total += entryWidth(s, m);
            }
            double x = Math.max(r.getX() + m.pad, Math.min(l.plot().getCenterX() - total / 2, r.getMaxX() - total));
            for (Figure.Series s : row) {
                double cy = y + m.lineH / 2;
                Color c = Glyphs.color(s);
                if (s.kind() != Figure.Kind.POINTS) {
                    g.setColor(c);
                    g.setStroke(Glyphs.line(s, m.theme.lineWidthPt()));
                    g.draw(new Line2D.Double(x, cy, x + sample, cy));
                }
                if (s.kind() != Figure.Kind.PLAIN) {
                    double size = m.theme.fontPt() * (s.secondary() ? 0.38 : 0.5);
                    painter.drawMarker(g, s.style(), c, x + sample / 2, cy, s.kind() == Figure.Kind.POINTS
                            ? size * 1.6 : size, false);
                }
                g.setColor(Color.BLACK);
                g.drawString(s.label(), (float) (x + sample + m.pad * 0.6), (float) (y + asc));
                x += entryWidth(s, m);
            }
            y += m.lineH;
        }
    }
}
