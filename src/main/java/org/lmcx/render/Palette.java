package org.lmcx.render;

import io.fair_acc.dataset.utils.DataSetStyleBuilder;

/**
 * One series style per index: Okabe–Ito colours (distinguishable with the common colour-vision deficiencies)
 * combined with a dash pattern and a marker that also cycle, so curves stay tellable apart in a greyscale
 * print. Methods get a fixed index by run order; splits (train/test) are told apart by marker fill and line
 * weight, not by colour.
 */
public final class Palette {

    /** Okabe & Ito (2008), without yellow, which vanishes on white. */
    static final String[] COLORS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"};
    static final double[][] DASHES = {{}, {9, 4}, {2, 3}, {9, 3, 2, 3}, {5, 5}, {12, 3, 2, 3, 2, 3}};
    static final String[] MARKERS = {"circle", "rectangle", "diamond", "cross", "plus", "circle"};

    private Palette() {
    }

    public static String color(int i) {
        return COLORS[Math.floorMod(i, COLORS.length)];
    }

    public static double[] dashes(int i) {
        return DASHES[Math.floorMod(i, DASHES.length)].clone();
    }

    public static String marker(int i) {
        return MARKERS[Math.floorMod(i, MARKERS.length)];
    }

    /** Line + marker style for series {@code i}; {@code secondary} (e.g. the train split) is thinner and dashed. */
    public static String series(int i, boolean secondary) {
        DataSetStyleBuilder b = DataSetStyleBuilder.newInstance()
                .setLineColor(color(i)).setMarkerColor(color(i)).setStroke(color(i)).setFill(color(i))
                .setLineWidth(secondary ? 1.4 : 2.2)
                .setMarkerType(marker(i)).setMarkerSize(secondary ? 2.5 : 3.5);
        double[] d = secondary ? new double[]{6, 4} : dashes(i);
        if (d.length > 0) {
            b.setLineDashes(d);
        }
        return b.build();
    }

    /** A thin annotation line (barrier segment, reference line) in series {@code i}'s colour. */
    public static String annotation(int i) {
        return DataSetStyleBuilder.newInstance().setLineColor(color(i)).setMarkerColor(color(i)).setStroke(color(i))
                .setLineWidth(1.2).setLineDashes(2, 2).setMarkerType("diamond").setMarkerSize(5).build();
    }

    /** Points only (model positions on a landscape). */
    public static String marker(int i, double size) {
        return DataSetStyleBuilder.newInstance().setMarkerColor(color(i)).setStroke(color(i)).setFill(color(i))
                .setLineColor(color(i)).setMarkerType(marker(i)).setMarkerSize(size).setMarkerLineWidth(2).build();
    }
}
