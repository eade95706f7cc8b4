package org.lmcx.render.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Draws a {@link Figure} into any {@link Graphics2D} (a PNG's image, JFreeSVG, PDFBox), in points with the origin
 * top left: white background, panels side by side, each with a title, framed plot area, outward ticks (never over
 * data), axis labels, a legend below the plot ({@link Legends}) and, for heatmaps, a colour bar on the right
 * ({@link Heatmaps}). Layout is {@link PanelLayout}'s, type and spacing {@link FigureMetrics}', series
 * {@link SeriesPainter}'s.
 *
 * <p>Hand-written because the figure must come out identically in raster and vector from one description; chart
 * libraries that draw to Graphics2D (JFreeChart) would work too but bring their own model of the same data, a
 * second place to keep styles in step with the screen's {@link org.lmcx.render.Palette}.
 */
public final class FigureRenderer {

    private final FigureMetrics m;
    private final FigureTheme theme;
    private final SeriesPainter seriesPainter;

    /**
     * @param tagger called with an id ("series-P-I") just before a series' line is drawn (SVG element ids);
     *               may be null
     */
    public FigureRenderer(FigureTheme theme, BiConsumer<Graphics2D, String> tagger) {
        this.theme = theme;
        this.m = new FigureMetrics(theme);
        this.seriesPainter = new SeriesPainter(m, tagger == null ? (g, s) -> { } : tagger);
    }

    /** Draws the whole figure into a {@code widthPt × heightPt} area at the origin. */
    public void draw(Graphics2D g, Figure f) {
        double w = theme.widthPt();
        double h = theme.heightPt();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, w, h));
        int n = f.panels().size();
        double gap = theme.fontPt() * 0.8;
        double pw = (w - gap * (n - 1)) / n;
        for (int i = 0; i < n; i++) {
            Rectangle2D r = new Rectangle2D.Double(i * (pw + gap), 0, pw, h);
            drawPanel(g, f.panels().get(i), r, i);
        }
    }

    /** Where the plot area of each panel ends up (for tests and hit-testing), in points. */
    public List<Rectangle2D> plotAreas(Figure f) {
        List<Rectangle2D> out = new ArrayList<>();
        int n = f.panels().size();
        double gap = theme.fontPt() * 0.8;
        double pw = (theme.widthPt() - gap * (n - 1)) / n;
        for (int i = 0; i < n; i++) {
            out.add(PanelLayout.of(f.panels().get(i), new Rectangle2D.Double(i * (pw + gap), 0, pw,
                    theme.heightPt()), m).plot());
        }
        return out;
    }

    private void drawPanel(Graphics2D g, Figure.Panel p, Rectangle2D r, int index) {
        PanelLayout l = PanelLayout.of(p, r, m);
        Rectangle2D plot = l.plot();
        double pad = m.pad;
        if (theme.titles() && p.title() != null) {
            g.setFont(m.titleFont);
            g.setColor(Color.BLACK);
            double tw = FigureMetrics.width(p.title(), m.titleFont);
            String t = m.fit(p.title(), m.titleFont, r.getWidth() - 2 * pad);
            tw = Math.min(tw, FigureMetrics.width(t, m.titleFont));
            g.drawString(t, (float) (plot.getCenterX() - tw / 2 > r.getX() ? Math.min(plot.getCenterX() - tw / 2,
                    r.getMaxX() - tw - pad) : r.getX() + pad), (float) (r.getY() + pad + m.lineH * 0.85));
        }
        Shape oldClip = g.getClip();
        if (p instanceof Figure.Heat h) {
            Heatmaps.drawCells(g, h, l);
        } else {
            drawGrid(g, p, l);
        }
        g.clip(plot);
        List<Figure.Series> series = p instanceof Figure.Xy xy ? xy.series() : ((Figure.Heat) p).overlays();
        for (int i = 0; i < series.size(); i++) {
            seriesPainter.drawSeries(g, p, l, series.get(i), "series-" + index + "-" + i);
        }
        if (theme.showLambda()) {
            seriesPainter.drawLambda(g, p, l);
        }
        g.setClip(oldClip);
        drawAxes(g, p, l);
        Legends.draw(g, l, r, seriesPainter, m);
        if (p instanceof Figure.Heat h) {
            Heatmaps.drawColourBar(g, h.scale(), l.colourBar(), m);
        }
    }

    private void drawGrid(Graphics2D g, Figure.Panel p, PanelLayout l) {
        g.setColor(Glyphs.GRID);
        g.setStroke(new BasicStroke((float) (theme.lineWidthPt() * 0.4)));
        for (AxisTicks.Tick t : l.yTicks()) {
            if (t.major()) {
                double y = l.py(p, t.value());
                g.draw(new Line2D.Double(l.plot().getX(), y, l.plot().getMaxX(), y));
            }
        }
        for (AxisTicks.Tick t : l.xTicks()) {
            if (t.major()) {
                double x = l.px(p, t.value());
                g.draw(new Line2D.Double(x, l.plot().getY(), x, l.plot().getMaxY()));
            }
        }
    }

    private void drawAxes(Graphics2D g, Figure.Panel p, PanelLayout l) {
        Rectangle2D plot = l.plot();
        double tickLen = m.tickLen;
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke((float) (theme.lineWidthPt() * 0.6)));
        g.draw(plot);
        g.setFont(m.font);
        double asc = m.ascent();
        for (AxisTicks.Tick t : l.xTicks()) {
            double x = l.px(p, t.value());
            if (x < plot.getX() - 0.01 || x > plot.getMaxX() + 0.01) {
                continue;
            }
            double len = t.major() ? tickLen : tickLen * 0.55;
            g.draw(new Line2D.Double(x, plot.getMaxY(), x, plot.getMaxY() + len));
            if (!t.label().isEmpty()) {
                double w = m.width(t.label());
                g.drawString(t.label(), (float) (x - w / 2), (float) (plot.getMaxY() + tickLen + asc + 1));
            }
        }
        double yLabelW = 0;
        for (AxisTicks.Tick t : l.yTicks()) {
            double y = l.py(p, t.value());
            if (y < plot.getY() - 0.01 || y > plot.getMaxY() + 0.01) {
                continue;
            }
            double len = t.major() ? tickLen : tickLen * 0.55;
            g.draw(new Line2D.Double(plot.getX() - len, y, plot.getX(), y));
            if (!t.label().isEmpty()) {
                double w = m.width(t.label());
                yLabelW = Math.max(yLabelW, w);
                g.drawString(t.label(), (float) (plot.getX() - tickLen - 1.5 - w), (float) (y + asc * 0.4));
            }
        }
        String xl = m.fit(p.x().text(), m.font, plot.getWidth() + tickLen * 4);
        g.drawString(xl, (float) (plot.getCenterX() - m.width(xl) / 2),
                (float) (plot.getMaxY() + tickLen + m.lineH + m.pad * 0.5 + asc));
        String yl = m.fit(p.y().text(), m.font, plot.getHeight() + tickLen * 4);
        m.drawRotated(g, yl, plot.getX() - tickLen - 1.5 - yLabelW - m.pad * 0.5, plot.getCenterY());
    }
}
