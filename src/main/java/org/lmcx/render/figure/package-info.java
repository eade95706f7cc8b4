/**
 * Publication figures: a plain-data description of a chart ({@link org.lmcx.render.figure.Figure}: panels of
 * x/y series with optional error bars, or heatmaps with a colour scale), one Graphics2D renderer for it
 * ({@link org.lmcx.render.figure.FigureRenderer}) and the files it becomes ({@link
 * org.lmcx.render.figure.FigureFiles}: PNG, SVG through JFreeSVG, PDF through PDFBox, and the CSV behind it with
 * a JSON sidecar). The screen keeps ChartFX; every export, from the app, {@code lmcx export} or a study, goes
 * through this package, so a PNG and a PDF of one figure are drawn by the same code from the same numbers.
 * Needs no JavaFX toolkit and no display (only java.awt in headless mode).
 */
package org.lmcx.render.figure;
