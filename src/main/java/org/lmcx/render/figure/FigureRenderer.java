package org.lmcx.render.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Draws a {@link Figure} into any {@link Graphics2D} (a PNG's image, JFreeSVG, PDFBox), in points with the origin
 * top left: white background, panels side by side, each with a title, framed plot area, outward ticks (never over
 * data), axis labels, a legend below the plot and, for heatmaps, a colour bar on the right. Text is measured with
 * one fixed font render context, so the layout is the same in every format.
 *
 * <p>Hand-written because the figure must come out identically in raster and vector from one description; chart
 * libraries that draw to Graphics2D (JFreeChart) would work too but bring their own model of the same data, a
 * second place to keep styles in step with the screen's {@link org.lmcx.render.Palette}.
 */
public final class FigureRenderer {

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    private final FigureTheme theme;
    private final Font font;
    private final Font titleFont;
    private final double lineH;
    private final double tickLen;
    private final double pad;
    private final BiConsumer<Graphics2D, String> tagger;

    /**
     * @param tagger called with an id ("series-P-I") just before a series' line is drawn (SVG element ids);
     *               may be null
     */
    public FigureRenderer(FigureTheme theme, BiConsumer<Graphics2D, String> tagger) {
        this.theme = theme;
        this.font = new Font(Font.SANS_SERIF, Font.PLAIN, 10).deriveFont((float) theme.fontPt());
        this.titleFont = font.deriveFont(Font.BOLD, (float) (theme.fontPt() * 1.1));
        this.lineH = font.getLineMetrics("Mg", FRC).getHeight();
        this.tickLen = theme.fontPt() * 0.35;
        this.pad = theme.fontPt() * 0.4;
        this.tagger = tagger == null ? (g, s) -> { } : tagger;
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
            out.add(layout(f.panels().get(i), new Rectangle2D.Double(i * (pw + gap), 0, pw, theme.heightPt())).plot);
        }
        return out;
    }

    // ---- layout ---------------------------------------------------------------------------------------

    private record Layout(Rectangle2D plot, double[] xRange, double[] yRange, List<AxisTicks.Tick> xTicks,
                          List<AxisTicks.Tick> yTicks, List<List<Figure.Series>> legendRows, double legendTop,
                          Rectangle2D colourBar, List<AxisTicks.Tick> barTicks) {
    }

    private Layout layout(Figure.Panel p, Rectangle2D r) {
        double top = r.getY() + pad + (theme.titles() && p.title() != null ? lineH * 1.15 + pad : 0);
        List<Figure.Series> legend = legendEntries(p);
        List<List<Figure.Series>> rows = legendRows(legend, r.getWidth());
        double legendH = rows.isEmpty() ? 0 : rows.size() * lineH + pad;
        double bottom = r.getMaxY() - pad - legendH - lineH - pad * 0.5 - lineH - tickLen;
        double[] xr = range(p, true);
        double[] yr = range(p, false);
        List<AxisTicks.Tick> yTicks = AxisTicks.of(p.y(), yr[0], yr[1],
                Math.max(2, (int) ((bottom - top) / (lineH * 2.2))));
        double yLabelW = 0;
        for (AxisTicks.Tick t : yTicks) {
            yLabelW = Math.max(yLabelW, width(t.label(), font));
        }
        double left = r.getX() + pad + lineH + pad * 0.5 + yLabelW + tickLen;
        double right = r.getMaxX() - pad - width("0.0", font) / 2;
        Rectangle2D bar = null;
        List<AxisTicks.Tick> barTicks = List.of();
        if (p instanceof Figure.Heat h) {
            Figure.ColourScale s = h.scale();
            barTicks = s.log() ? AxisTicks.log(s.lo(), s.hi()) : AxisTicks.linear(s.lo(), s.hi(),
                    Math.max(2, (int) ((bottom - top) / (lineH * 2.2))));
            double barLabelW = 0;
            for (AxisTicks.Tick t : barTicks) {
                barLabelW = Math.max(barLabelW, width(t.label(), font));
            }
            double barW = theme.fontPt() * 0.9;
            double barRight = r.getMaxX() - pad - lineH - pad * 0.5 - barLabelW - tickLen;
            double barTop = top + (s.cappedHigh() ? lineH * 1.6 : 0) + barW * 0.3;
            bar = new Rectangle2D.Double(barRight - barW, barTop, barW, Math.max(4, bottom - barTop));
            right = bar.getX() - pad * 2;
        }
        List<AxisTicks.Tick> xTicks = AxisTicks.of(p.x(), xr[0], xr[1],
                Math.max(2, (int) ((right - left) / (width("0.000", font) * 1.8))));
        Rectangle2D plot = new Rectangle2D.Double(left, top, Math.max(4, right - left), Math.max(4, bottom - top));
        double legendTop = r.getMaxY() - pad - legendH + pad;
        return new Layout(plot, xr, yr, xTicks, yTicks, rows, legendTop, bar, barTicks);
    }

    private static List<Figure.Series> legendEntries(Figure.Panel p) {
        List<Figure.Series> out = new ArrayList<>();
        List<Figure.Series> all = p instanceof Figure.Xy xy ? xy.series() : ((Figure.Heat) p).overlays();
        for (Figure.Series s : all) {
            if (s.label() != null && !s.label().isBlank()) {
                out.add(s);
            }
        }
        return out;
    }

    private List<List<Figure.Series>> legendRows(List<Figure.Series> entries, double width) {
        List<List<Figure.Series>> rows = new ArrayList<>();
        List<Figure.Series> row = new ArrayList<>();
        double x = 0;
        double avail = width - 2 * pad;
        for (Figure.Series s : entries) {
            double w = entryWidth(s);
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

    private double sampleWidth() {
        return theme.fontPt() * 2.4;
    }

    private double entryWidth(Figure.Series s) {
        return sampleWidth() + pad * 0.6 + width(s.label(), font) + theme.fontPt() * 1.2;
    }

    private static double width(String s, Font f) {
        return s == null || s.isEmpty() ? 0 : f.getStringBounds(s, FRC).getWidth();
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

    private static double map(double v, double lo, double hi, double p0, double p1, boolean log) {
        double t = log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
        return p0 + t * (p1 - p0);
    }

    // ---- drawing --------------------------------------------------------------------------------------

    private void drawPanel(Graphics2D g, Figure.Panel p, Rectangle2D r, int index) {
        Layout l = layout(p, r);
        Rectangle2D plot = l.plot;
        if (theme.titles() && p.title() != null) {
            g.setFont(titleFont);
            g.setColor(Color.BLACK);
            double tw = width(p.title(), titleFont);
            String t = fit(p.title(), titleFont, r.getWidth() - 2 * pad);
            tw = Math.min(tw, width(t, titleFont));
            g.drawString(t, (float) (plot.getCenterX() - tw / 2 > r.getX() ? Math.min(plot.getCenterX() - tw / 2,
                    r.getMaxX() - tw - pad) : r.getX() + pad), (float) (r.getY() + pad + lineH * 0.85));
        }
        Shape oldClip = g.getClip();
        if (p instanceof Figure.Heat h) {
            drawCells(g, h, l);
        } else {
            drawGrid(g, p, l);
        }
        g.clip(plot);
        List<Figure.Series> series = p instanceof Figure.Xy xy ? xy.series() : ((Figure.Heat) p).overlays();
        for (int i = 0; i < series.size(); i++) {
            drawSeries(g, p, l, series.get(i), "series-" + index + "-" + i);
        }
        if (theme.showLambda()) {
            drawLambda(g, p, l);
        }
        g.setClip(oldClip);
        drawAxes(g, p, l);
        drawLegend(g, l, r);
        if (p instanceof Figure.Heat h) {
            drawColourBar(g, h.scale(), l);
        }
    }

    private String fit(String s, Font f, double w) {
        if (width(s, f) <= w) {
            return s;
        }
        String t = s;
        while (t.length() > 4 && width(t + "…", f) > w) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    private double px(Layout l, Figure.Panel p, double v) {
        return map(v, l.xRange[0], l.xRange[1], l.plot.getX(), l.plot.getMaxX(), p.x().log());
    }

    private double py(Layout l, Figure.Panel p, double v) {
        return map(v, l.yRange[0], l.yRange[1], l.plot.getMaxY(), l.plot.getY(), p.y().log());
    }

    private void drawGrid(Graphics2D g, Figure.Panel p, Layout l) {
        g.setColor(Glyphs.GRID);
        g.setStroke(new BasicStroke((float) (theme.lineWidthPt() * 0.4)));
        for (AxisTicks.Tick t : l.yTicks) {
            if (t.major()) {
                double y = py(l, p, t.value());
                g.draw(new Line2D.Double(l.plot.getX(), y, l.plot.getMaxX(), y));
            }
        }
        for (AxisTicks.Tick t : l.xTicks) {
            if (t.major()) {
                double x = px(l, p, t.value());
                g.draw(new Line2D.Double(x, l.plot.getY(), x, l.plot.getMaxY()));
            }
        }
    }

    /** Each cell centred on its coordinate; cells overlap by a hair so no viewer shows seams between them. */
    private void drawCells(Graphics2D g, Figure.Heat h, Layout l) {
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
            double y0 = py(l, h, ys[j] + dy / 2);
            double y1 = py(l, h, ys[j] - dy / 2);
            for (int i = 0; i < xs.length; i++) {
                double x0 = px(l, h, xs[i] - dx / 2);
                double x1 = px(l, h, xs[i] + dx / 2);
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

    private void drawSeries(Graphics2D g, Figure.Panel p, Layout l, Figure.Series s, String id) {
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
                double X = px(l, p, x[i]);
                double Y = py(l, p, y[i]);
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
                double X = px(l, p, x[i]);
                double y0 = py(l, p, lo);
                double y1 = py(l, p, hi);
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
            drawMarker(g, s.style(), c, px(l, p, x[i]), py(l, p, y[i]), onHeat ? size * 2 : size, onHeat);
        }
    }

    private void drawMarker(Graphics2D g, int style, Color c, double x, double y, double size, boolean outline) {
        Shape m = Glyphs.marker(style, x, y, size);
        if (Glyphs.stroked(style)) {
            if (outline) {
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke((float) (theme.lineWidthPt() * 2.2)));
                g.draw(m);
            }
            g.setColor(c);
            g.setStroke(new BasicStroke((float) (theme.lineWidthPt() * (outline ? 1.2 : 0.8))));
            g.draw(m);
        } else {
            g.setColor(c);
            g.fill(m);
            if (outline) {
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke((float) (theme.lineWidthPt() * 0.6)));
                g.draw(m);
            }
        }
    }

    private void drawLambda(Graphics2D g, Figure.Panel p, Layout l) {
        if (p instanceof Figure.Xy xy && xy.lambdaLine() != null) {
            double x = px(l, p, xy.lambdaLine().x());
            g.setColor(Glyphs.LAMBDA);
            g.setStroke(new BasicStroke((float) (theme.lineWidthPt() * 0.6), BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10, new float[]{3, 2}, 0));
            g.draw(new Line2D.Double(x, l.plot.getY(), x, l.plot.getMaxY()));
            g.setFont(font);
            String label = xy.lambdaLine().label();
            double w = width(label, font);
            double tx = x + pad * 0.5 + w > l.plot.getMaxX() ? x - pad * 0.5 - w : x + pad * 0.5;
            g.drawString(label, (float) tx, (float) (l.plot.getY() + lineH));
        } else if (p instanceof Figure.Heat h && h.lambdaMark() != null) {
            Figure.Series m = h.lambdaMark();
            double[] x = m.x();
            double[] y = m.y();
            if (x.length > 0 && Double.isFinite(x[0]) && Double.isFinite(y[0])) {
                double X = px(l, p, x[0]);
                double Y = py(l, p, y[0]);
                double r = theme.fontPt() * 0.55;
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke((float) (theme.lineWidthPt() * 2.4)));
                g.draw(new java.awt.geom.Ellipse2D.Double(X - r, Y - r, 2 * r, 2 * r));
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke((float) (theme.lineWidthPt() * 1.1)));
                g.draw(new java.awt.geom.Ellipse2D.Double(X - r, Y - r, 2 * r, 2 * r));
                g.setFont(font);
                if (m.label() != null) {
                    g.drawString(m.label(), (float) (X + r + pad * 0.4), (float) (Y - r));
                }
            }
        }
    }

    private void drawAxes(Graphics2D g, Figure.Panel p, Layout l) {
        Rectangle2D plot = l.plot;
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke((float) (theme.lineWidthPt() * 0.6)));
        g.draw(plot);
        g.setFont(font);
        double asc = font.getLineMetrics("0", FRC).getAscent();
        for (AxisTicks.Tick t : l.xTicks) {
            double x = px(l, p, t.value());
            if (x < plot.getX() - 0.01 || x > plot.getMaxX() + 0.01) {
                continue;
            }
            double len = t.major() ? tickLen : tickLen * 0.55;
            g.draw(new Line2D.Double(x, plot.getMaxY(), x, plot.getMaxY() + len));
            if (!t.label().isEmpty()) {
                double w = width(t.label(), font);
                g.drawString(t.label(), (float) (x - w / 2), (float) (plot.getMaxY() + tickLen + asc + 1));
            }
        }
        double yLabelW = 0;
        for (AxisTicks.Tick t : l.yTicks) {
            double y = py(l, p, t.value());
            if (y < plot.getY() - 0.01 || y > plot.getMaxY() + 0.01) {
                continue;
            }
            double len = t.major() ? tickLen : tickLen * 0.55;
            g.draw(new Line2D.Double(plot.getX() - len, y, plot.getX(), y));
            if (!t.label().isEmpty()) {
                double w = width(t.label(), font);
                yLabelW = Math.max(yLabelW, w);
                g.drawString(t.label(), (float) (plot.getX() - tickLen - 1.5 - w), (float) (y + asc * 0.4));
            }
        }
        String xl = fit(p.x().text(), font, plot.getWidth() + tickLen * 4);
        g.drawString(xl, (float) (plot.getCenterX() - width(xl, font) / 2),
                (float) (plot.getMaxY() + tickLen + lineH + pad * 0.5 + asc));
        String yl = fit(p.y().text(), font, plot.getHeight() + tickLen * 4);
        drawRotated(g, yl, plot.getX() - tickLen - 1.5 - yLabelW - pad * 0.5, plot.getCenterY());
    }

    /** Text rotated 90° anticlockwise, centred vertically on {@code cy}, its baseline's right side at x. */
    private void drawRotated(Graphics2D g, String s, double x, double cy) {
        AffineTransform old = g.getTransform();
        g.translate(x, cy);
        g.rotate(-Math.PI / 2);
        g.drawString(s, (float) (-width(s, font) / 2), -font.getLineMetrics(s, FRC).getDescent());
        g.setTransform(old);
    }

    private void drawLegend(Graphics2D g, Layout l, Rectangle2D r) {
        g.setFont(font);
        double asc = font.getLineMetrics("0", FRC).getAscent();
        double y = l.legendTop;
        for (List<Figure.Series> row : l.legendRows) {
            double total = 0;
            for (Figure.Series s : row) {
                total += entryWidth(s);
            }
            double x = Math.max(r.getX() + pad, Math.min(l.plot.getCenterX() - total / 2, r.getMaxX() - total));
            for (Figure.Series s : row) {
                double cy = y + lineH / 2;
                Color c = Glyphs.color(s);
                if (s.kind() != Figure.Kind.POINTS) {
                    g.setColor(c);
                    g.setStroke(Glyphs.line(s, theme.lineWidthPt()));
                    g.draw(new Line2D.Double(x, cy, x + sampleWidth(), cy));
                }
                if (s.kind() != Figure.Kind.PLAIN) {
                    double size = theme.fontPt() * (s.secondary() ? 0.38 : 0.5);
                    drawMarker(g, s.style(), c, x + sampleWidth() / 2, cy, s.kind() == Figure.Kind.POINTS
                            ? size * 1.6 : size, false);
                }
                g.setColor(Color.BLACK);
                g.drawString(s.label(), (float) (x + sampleWidth() + pad * 0.6), (float) (y + asc));
                x += entryWidth(s);
            }
            y += lineH;
        }
    }

    private void drawColourBar(Graphics2D g, Figure.ColourScale s, Layout l) {
        Rectangle2D b = l.colourBar;
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
        g.setStroke(new BasicStroke((float) (theme.lineWidthPt() * 0.5)));
        g.draw(b);
        g.setFont(font);
        double asc = font.getLineMetrics("0", FRC).getAscent();
        double labelW = 0;
        for (AxisTicks.Tick t : l.barTicks) {
            double y = map(t.value(), s.lo(), s.hi(), b.getMaxY(), b.getY(), s.log());
            if (y < b.getY() - 0.01 || y > b.getMaxY() + 0.01) {
                continue;
            }
            double len = t.major() ? tickLen : tickLen * 0.55;
            g.draw(new Line2D.Double(b.getMaxX(), y, b.getMaxX() + len, y));
            if (!t.label().isEmpty()) {
                labelW = Math.max(labelW, width(t.label(), font));
                g.drawString(t.label(), (float) (b.getMaxX() + tickLen + 1.5), (float) (y + asc * 0.4));
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
            double w = width(note, font);
            g.drawString(note, (float) Math.min(b.getCenterX() - w / 2, l.colourBar.getMaxX() + tickLen + labelW
                    - w + lineH), (float) (b.getY() - h - pad * 0.5));
        }
        String label = fit(s.quantity() + (s.log() ? " (log)" : ""), font, b.getHeight());
        AffineTransform old = g.getTransform();
        g.translate(b.getMaxX() + tickLen + 1.5 + labelW + pad * 0.5 + asc, b.getCenterY());
        g.rotate(-Math.PI / 2);
        g.drawString(label, (float) (-width(label, font) / 2), 0f);
        g.setTransform(old);
    }

    static String compact(double v) {
        if (v != 0 && (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3)) {
            return String.format(java.util.Locale.ROOT, "%.2g", v);
        }
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
