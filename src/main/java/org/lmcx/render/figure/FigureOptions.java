package org.lmcx.render.figure;

/**
 * What the view shows that a figure must reproduce: log scales, the slider's λ (drawn only when the theme asks
 * for the λ marker), the landscape's colour cap and scale, and how alignment heatmaps share their range.
 *
 * @param logLoss            loss on a log axis (path plots)
 * @param logSpectra         singular values on a log axis in the view's export (the figure set writes both)
 * @param lambda             the slider's λ; NaN for none
 * @param landscapeCap       top of the landscape colour scale: NaN = automatic (90th percentile when the maximum
 *                           is far above it), +∞ = the maximum, else this value
 * @param landscapeLogColour log colour scale for the loss landscape
 * @param alignmentFitData   before/after maps share one range fitted to both (otherwise both span [0, 1])
 */
public record FigureOptions(boolean logLoss, boolean logSpectra, double lambda, double landscapeCap,
                            boolean landscapeLogColour, boolean alignmentFitData) {

    public static final FigureOptions DEFAULT = new FigureOptions(false, false, Double.NaN, Double.NaN, false, false);

    public FigureOptions withLambda(double l) {
        return new FigureOptions(logLoss, logSpectra, l, landscapeCap, landscapeLogColour, alignmentFitData);
    }

    public FigureOptions withLogLoss(boolean on) {
        return new FigureOptions(on, logSpectra, lambda, landscapeCap, landscapeLogColour, alignmentFitData);
    }

    public FigureOptions withLogSpectra(boolean on) {
        return new FigureOptions(logLoss, on, lambda, landscapeCap, landscapeLogColour, alignmentFitData);
    }

    public FigureOptions withLandscape(double cap, boolean logColour) {
        return new FigureOptions(logLoss, logSpectra, lambda, cap, logColour, alignmentFitData);
    }

    public FigureOptions withAlignmentFitData(boolean on) {
        return new FigureOptions(logLoss, logSpectra, lambda, landscapeCap, landscapeLogColour, on);
    }
}
