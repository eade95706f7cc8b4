package org.lmcx.render.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.function.BiConsumer;

/** Draws series (lines, error bars, markers) and the λ line or mark into a panel's plot area. */
final class SeriesPainter {

    private final FigureMetrics m;
    private final FigureTheme theme;
    private final BiConsumer<Graphics2D, String> tagger;

    SeriesPainter(FigureMetrics m, BiConsumer<Graphics2D, String> tagger) {
        this.m = m;
        this.theme = m.theme;
        this.tagger = tagger;
    }

    void drawSeries(Graphics2D g, Figure.Panel p, PanelLayout l, Figure.Series s, String id) {
        double[] x = s.x();
        double[] y = s.y();
        Color c = Glyphs.color(s);
        boolean logY = p.y().log();
        boolean logX = p.x().log();
        if (s.kind() != Figure.Kind.POINTS) {
            Path2D path = new Path2D.Double();
            boolean pen = false;
            for (int i = 0; i < x.length; i++) {
                boolean ok = Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!logY || y[i] > 0)
                        && (!logX || x[i] > 0);
                if (!ok) {
                    pen = false;
                    continue;
                }
                double X = l.px(p, x[i]);
                double Y = l.py(p, y[i]);
                if (pen) {
                    path.lineTo(X, Y);
                } else {
                    path.moveTo(X, Y);
                    pen = true;
                }
            }
            g.setColor(c);
            g.setStroke(Glyphs.line(s, theme.lineWidthPt()));
            if (s.label() != null) {
                tagger.accept(g, id);
            }
            g.draw(path);
        }
        double[] e = s.yError();
        double size = theme.fontPt() * (s.secondary() ? 0.38 : 0.5);
        if (e != null) {
            g.setStroke(new BasicStroke((float) (theme.lineWidthPt() * 0.6)));
            g.setColor(c);
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(e[i]) || !Double.isFinite(y[i]) || !Double.isFinite(x[i])) {
                    continue;
                }
                double lo = y[i] - Math.abs(e[i]);
                double hi = y[i] + Math.abs(e[i]);
                if (logY && !(lo > 0)) {
                    lo = y[i];
                }
                double X = l.px(p, x[i]);
                double y0 = l.py(p, lo);
                double y1 = l.py(p, hi);
                g.draw(new Line2D.Double(X, y0, X, y1));
                g.draw(new Line2D.Double(X - size / 2, y0, X + size / 2, y0));
                g.draw(new Line2D.Double(X - size / 2, y1, X + size / 2, y1));
            }
        }
        if (s.kind() == Figure.Kind.PLAIN) {
            return;
        }
        boolean onHeat = p instanceof Figure.Heat;
        int every = s.kind() == Figure.Kind.POINTS ? 1 : Math.max(1, (int) Math.ceil(x.length / 25.0));
        for (int i = 0; i < x.length; i += every) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i]) || (logY && y[i] <= 0) || (logX && x[i] <= 0)) {
                continue;
            }
            drawMarker(g, s.style(), c, l.px(p, x[i]), l.py(p, y[i]), onHeat ? size * 2 : size, onHeat);
        }
    }

    void drawMarker(Graphics2D g, int style, Color c, double x, double y, double size, boolean outline) {
        Shape shape = Glyphs.marker(style, x, y, size);
        if (Glyphs.stroked(style)) {
            if (outline) {
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke((float) (theme.lineWidthPt() * 2.2)));
                g.draw(shape);
            }
            g.setColor(c);
            g.setStroke(new BasicStroke((float) (theme.lineWidthPt() * (outline ? 1.2 : 0.8))));
            g.draw(shape);
        } else {
            g.setColor(c);
            g.fill(shape);
            if (outline) {
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke((float) (theme.lineWidthPt() * 0.6)));
                g.draw(shape);
            }
        }
    }

    void drawLambda(Graphics2D g, Figure.Panel p, PanelLayout l) {
        if (p instanceof Figure.Xy xy && xy.lambdaLine() != null) {
            double x = l.px(p, xy.lambdaLine().x());
            g.setColor(Glyphs.LAMBDA);
            g.setStroke(new BasicStroke((float) (theme.lineWidthPt() * 0.6), BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10, new float[]{3, 2}, 0));
            g.draw(new Line2D.Double(x, l.plot().getY(), x, l.plot().getMaxY()));
            g.setFont(m.font);
            String label = xy.lambdaLine().label();
            double w = m.width(label);
            double tx = x + m.pad * 0.5 + w > l.plot().getMaxX() ? x - m.pad * 0.5 - w : x + m.pad * 0.5;
            g.drawString(label, (float) tx, (float) (l.plot().getY() + m.lineH));
        } else if (p instanceof Figure.Heat h && h.lambdaMark() != null) {
            Figure.Series mark = h.lambdaMark();
            double[] x = mark.x();
            double[] y = mark.y();
            if (x.length > 0 && Double.isFinite(x[0]) && Double.isFinite(y[0])) {
                double X = l.px(p, x[0]);
                double Y = l.py(p, y[0]);
                double r = theme.fontPt() * 0.55;
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke((float) (theme.lineWidthPt() * 2.4)));
                g.draw(new java.awt.geom.Ellipse2D.Double(X - r, Y - r, 2 * r, 2 * r));
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke((float) (theme.lineWidthPt() * 1.1)));
                g.draw(new java.awt.geom.Ellipse2D.Double(X - r, Y - r, 2 * r, 2 * r));
                g.setFont(m.font);
                if (mark.label() != null) {
                    g.drawString(mark.label(), (float) (X + r + m.pad * 0.4), (float) (Y - r));
                }
            }
        }
    }
}
