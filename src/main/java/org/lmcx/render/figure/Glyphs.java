package org.lmcx.render.figure;

import org.lmcx.render.Palette;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * Colours, strokes and marker shapes of exported figures, from the same {@link Palette} the screen uses, so a
 * series keeps its colour, dash and marker between the window and the paper.
 */
final class Glyphs {

    /**
     * Viridis (matplotlib's default map; perceptually uniform, monotone in lightness, so it survives greyscale
     * printing) at 0, 0.1, …, 1, interpolated linearly: eleven published numbers, not worth a dependency.
     */
    private static final int[] VIRIDIS = {0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c, 0x22a884,
            0x44bf70, 0x7ad151, 0xbddf26, 0xfde725};

    static final Color NAN_CELL = new Color(0xdd, 0xdd, 0xdd);
    static final Color GRID = new Color(0xe4, 0xe4, 0xe4);
    static final Color LAMBDA = new Color(0x44, 0x44, 0x44);

    private Glyphs() {
    }

    static Color color(Figure.Series s) {
        return Color.decode(s.color() != null ? s.color() : Palette.color(s.style()));
    }

    /** Viridis at {@code t} in [0, 1] (clamped). */
    static Color viridis(double t) {
        double u = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) Math.floor(u));
        double f = u - i;
        int a = VIRIDIS[i];
        int b = VIRIDIS[i + 1];
        return new Color(mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
    }

    static BasicStroke line(Figure.Series s, double lineWidth) {
        double w = s.secondary() ? lineWidth * 0.65 : lineWidth;
        if (s.kind() == Figure.Kind.PLAIN && s.label() == null) {
            w = lineWidth * 0.5;
        }
        double[] d = s.secondary() ? new double[]{4, 2.5} : Palette.dashes(s.style());
        if (s.color() != null && !s.secondary()) {
            d = new double[0];
        }
        if (d.length == 0) {
            return new BasicStroke((float) w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
        }
        float[] f = new float[d.length];
        // Screen dashes are in pixels for ~2 px lines; scale with the print line width so patterns keep their look.
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) (d[i] * Math.max(0.6, lineWidth) * 0.8);
        }
        return new BasicStroke((float) w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, f, 0);
    }

    /** The series' marker centred on (x, y), {@code size} across. */
    static Shape marker(int style, double x, double y, double size) {
        double r = size / 2;
        return switch (Palette.marker(style)) {
            case "rectangle" -> new Rectangle2D.Double(x - r * 0.85, y - r * 0.85, 1.7 * r, 1.7 * r);
            case "diamond" -> {
                Path2D p = new Path2D.Double();
                p.moveTo(x, y - r * 1.15);
                p.lineTo(x + r * 1.15, y);
                p.lineTo(x, y + r * 1.15);
                p.lineTo(x - r * 1.15, y);
                p.closePath();
                yield p;
            }
            case "cross" -> {
                Path2D p = new Path2D.Double();
                p.moveTo(x - r, y - r);
                p.lineTo(x + r, y + r);
                p.moveTo(x - r, y + r);
                p.lineTo(x + r, y - r);
                yield p;
            }
            case "plus" -> {
                Path2D p = new Path2D.Double();
                p.moveTo(x - r * 1.2, y);
                p.lineTo(x + r * 1.2, y);
                p.moveTo(x, y - r * 1.2);
                p.lineTo(x, y + r * 1.2);
                yield p;
            }
            default -> new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
        };
    }

    /** Crosses and pluses are strokes; the other markers are filled. */
    static boolean stroked(int style) {
        String m = Palette.marker(style);
        return "cross".equals(m) || "plus".equals(m);
    }
}
