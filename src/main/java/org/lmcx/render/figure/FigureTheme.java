package org.lmcx.render.figure;

import java.util.Locale;

/**
 * How an exported figure looks on paper, independent of the screen theme: white background, sizes in inches,
 * fonts and line widths in points (1/72 in) sized for print, raster resolution in DPI. No UI overlays ever;
 * the λ marker only when {@code showLambda}.
 *
 * @param name       preset name ("one-column", "two-column") or "custom"
 * @param widthIn    figure width in inches (all panels together)
 * @param heightIn   figure height in inches
 * @param fontPt     tick labels and legend; axis labels use the same size, titles 10 % more
 * @param lineWidthPt the width of a primary series line
 * @param dpi        pixels per inch of the PNG
 * @param showLambda draw the λ marker (vertical line on path plots, θ(λ) on a landscape)
 * @param titles     draw panel titles (papers usually put these in the caption instead)
 */
public record FigureTheme(String name, double widthIn, double heightIn, double fontPt, double lineWidthPt, int dpi,
                          boolean showLambda, boolean titles) {

    /** A single journal column (≈ 3.5 in, e.g. ICLR/NeurIPS half width, IEEE column). */
    public static final FigureTheme ONE_COLUMN = new FigureTheme("one-column", 3.5, 2.6, 7.5, 1.0, 300, false, true);
    /** The full text width of a two-column layout (≈ 7 in). */
    public static final FigureTheme TWO_COLUMN = new FigureTheme("two-column", 7.0, 3.2, 9, 1.3, 300, false, true);

    public FigureTheme {
        if (!(widthIn >= 1 && widthIn <= 40 && heightIn >= 0.8 && heightIn <= 40)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "figure size %.2f × %.2f in is out of range (1–40 in wide, 0.8–40 in high)", widthIn, heightIn));
        }
        if (!(fontPt >= 4 && fontPt <= 40) || !(lineWidthPt > 0 && lineWidthPt <= 10)) {
            throw new IllegalArgumentException("font " + fontPt + " pt or line width " + lineWidthPt
                    + " pt out of range (font 4–40 pt, line (0, 10] pt)");
        }
        if (dpi < 36 || dpi > 1200) {
            throw new IllegalArgumentException("DPI " + dpi + " out of range (36–1200)");
        }
        if ((long) Math.ceil(widthIn * dpi) * (long) Math.ceil(heightIn * dpi) > 120_000_000L) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%.1f × %.1f in at %d DPI is over 120 megapixels", widthIn, heightIn, dpi));
        }
    }

    /** The preset called {@code name} ("one-column", "two-column"). */
    public static FigureTheme preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "one-column", "1col", "one" -> ONE_COLUMN;
            case "two-column", "2col", "two" -> TWO_COLUMN;
            default -> throw new IllegalArgumentException("unknown figure preset '" + name
                    + "' (one-column, two-column)");
        };
    }

    public FigureTheme withSize(double w, double h) {
        return new FigureTheme(name, w, h, fontPt, lineWidthPt, dpi, showLambda, titles);
    }

    public FigureTheme withDpi(int d) {
        return new FigureTheme(name, widthIn, heightIn, fontPt, lineWidthPt, d, showLambda, titles);
    }

    public FigureTheme withLambda(boolean on) {
        return new FigureTheme(name, widthIn, heightIn, fontPt, lineWidthPt, dpi, on, titles);
    }

    public FigureTheme withTitles(boolean on) {
        return new FigureTheme(name, widthIn, heightIn, fontPt, lineWidthPt, dpi, showLambda, on);
    }

    public double widthPt() {
        return widthIn * 72;
    }

    public double heightPt() {
        return heightIn * 72;
    }

    public int widthPx() {
        return (int) Math.round(widthIn * dpi);
    }

    public int heightPx() {
        return (int) Math.round(heightIn * dpi);
    }
}
