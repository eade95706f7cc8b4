package org.lmcx.render;

import javafx.scene.Parent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One exportable chart: a file stem, a factory that builds a fresh chart (FX thread) and the CSV of the
 * numbers behind it (null for a chart whose CSV another item already writes).
 */
public record ExportItem(String stem, Supplier<Parent> chart, String csv) {

    /** Every chart a session has data for, as {@code lmcx export} writes them. */
    public static List<ExportItem> all(SessionData s) {
        List<ExportItem> out = new ArrayList<>();
        List<org.lmcx.analysis.Interpolation.Result> curves = s.curves();
        if (!curves.isEmpty()) {
            out.add(new ExportItem("interpolation_loss", () -> {
                InterpolationCharts c = new InterpolationCharts();
                c.setRuns(curves);
                c.setLambda(s.lambda());
                return c.lossChart();
            }, InterpolationCharts.csv(curves)));
            out.add(new ExportItem("interpolation_accuracy", () -> {
                InterpolationCharts c = new InterpolationCharts();
                c.setRuns(curves);
                c.setLambda(s.lambda());
                return c.accuracyChart();
            }, null));
        }
        if (s.landscape() != null) {
            out.add(new ExportItem("landscape", () -> {
                LandscapeChart c = new LandscapeChart();
                c.setGrid(s.landscape());
                return c.chart();
            }, LandscapeChart.csv(s.landscape())));
        }
        if (s.threeLandscape() != null) {
            out.add(new ExportItem("landscape_three_models", () -> {
                LandscapeChart c = new LandscapeChart();
                c.setGrid(s.threeLandscape());
                return c.chart();
            }, LandscapeChart.csv(s.threeLandscape())));
        }
        for (int i = 0; i < s.spectra().size(); i++) {
            SpectrumSet set = s.spectra().get(i);
            out.add(new ExportItem("spectra_" + safe(set.layer()), () -> {
                SpectraChart c = new SpectraChart();
                c.setSpectra(set);
                return c.chart();
            }, i == 0 ? SpectraChart.csv(s.spectra()) : null));
        }
        for (int i = 0; i < s.alignment().size(); i++) {
            AlignmentMaps m = s.alignment().get(i);
            String stem = "alignment_" + safe(m.layer()) + "_" + m.side() + "_" + safe(m.method());
            out.add(new ExportItem(stem, () -> {
                AlignmentCharts c = new AlignmentCharts();
                c.setMaps(m);
                return new javafx.scene.layout.HBox(c.beforeChart(), c.afterChart());
            }, i == 0 ? AlignmentCharts.csv(s.alignment()) : null));
        }
        return out;
    }

    /** A file-name-safe version of a tensor or method name. */
    public static String safe(String s) {
        return s == null ? "none" : s.replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
