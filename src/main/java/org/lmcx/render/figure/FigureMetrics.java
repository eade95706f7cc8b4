package org.lmcx.render.figure;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;

/**
 * The type and spacing every part of a figure is laid out with, derived from one {@link FigureTheme}. Text is
 * measured with one fixed font render context, so the layout is the same in every format.
 */
final class FigureMetrics {

    static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    final FigureTheme theme;
    final Font font;
    final Font titleFont;
    final double lineH;
    final double tickLen;
    final double pad;

    FigureMetrics(FigureTheme theme) {
        this.theme = theme;
        this.font = new Font(Font.SANS_SERIF, Font.PLAIN, 10).deriveFont((float) theme.fontPt());
        this.titleFont = font.deriveFont(Font.BOLD, (float) (theme.fontPt() * 1.1));
        this.lineH = font.getLineMetrics("Mg", FRC).getHeight();
        this.tickLen = theme.fontPt() * 0.35;
        this.pad = theme.fontPt() * 0.4;
    }

    static double width(String s, Font f) {
        return s == null || s.isEmpty() ? 0 : f.getStringBounds(s, FRC).getWidth();
    }

    double width(String s) {
        return width(s, font);
    }

    double ascent() {
        return font.getLineMetrics("0", FRC).getAscent();
    }

    /** {@code s}, shortened with an ellipsis until it fits in {@code w}. */
    String fit(String s, Font f, double w) {
        if (width(s, f) <= w) {
            return s;
        }
        String t = s;
        while (t.length() > 4 && width(t + "…", f) > w) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    /** Text rotated 90° anticlockwise, centred vertically on {@code cy}, its baseline's right side at x. */
    void drawRotated(Graphics2D g, String s, double x, double cy) {
        AffineTransform old = g.getTransform();
        g.translate(x, cy);
        g.rotate(-Math.PI / 2);
        g.drawString(s, (float) (-width(s, font) / 2), -font.getLineMetrics(s, FRC).getDescent());
        g.setTransform(old);
    }
}
