package org.lmcx.render;

import org.lmcx.session.SpectrumSet;
import org.lmcx.session.AlignmentMaps;
import org.lmcx.session.LandscapeGrid;
import org.lmcx.session.Run;
import org.lmcx.session.RunKey;
import org.lmcx.session.SessionData;

import javafx.scene.Parent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One exportable chart: a file stem, a factory that builds a fresh chart (FX thread) and the CSV of the
 * numbers behind it (null for a chart whose CSV another item already writes).
 */
public record ExportItem(String stem, Supplier<Parent> chart, String csv) {

    /**
     * Every chart a session has data for, as {@code lmcx export} writes them: the curves of all its finished
     * runs (legend: each run's distinguishing label), and per run its landscape, spectra and alignment maps
     * (file names carry the run's label when more than one run has that chart).
     */
    public static List<ExportItem> all(SessionData s) {
        List<ExportItem> out = new ArrayList<>();
        List<Run> runs = s.runs().stream().filter(Run::ok).toList();
        List<String> labels = RunKey.labels(runs.stream().map(Run::key).toList());
        List<org.lmcx.analysis.Interpolation.Result> curves = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            org.lmcx.analysis.Interpolation.Result c = runs.get(i).curve();
            if (c != null) {
                curves.add(new org.lmcx.analysis.Interpolation.Result(labels.get(i), c.lambdas(), c.train(),
                        c.test(), c.bnReset(), c.seconds()));
            }
        }
        double lambda = s.ui().lambda();
        if (!curves.isEmpty()) {
            out.add(new ExportItem("interpolation_loss", () -> {
                InterpolationCharts c = new InterpolationCharts();
                c.setRuns(curves);
                c.setLambda(lambda);
                return c.lossChart();
            }, InterpolationCharts.csv(curves)));
            out.add(new ExportItem("interpolation_accuracy", () -> {
                InterpolationCharts c = new InterpolationCharts();
                c.setRuns(curves);
                c.setLambda(lambda);
                return c.accuracyChart();
            }, null));
        }
        long planes = runs.stream().filter(r -> r.landscape() != null).count();
        long threePlanes = runs.stream().filter(r -> r.threeLandscape() != null).count();
        long spectra = runs.stream().filter(r -> r.spectra() != null).count();
        // File names: the method alone while it tells the runs apart, else the distinguishing label.
        boolean methodsDistinct = runs.stream().map(r -> r.key().method()).distinct().count() == runs.size();
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            String suffix = "_" + safe(methodsDistinct ? r.key().method() : labels.get(i));
            LandscapeGrid g = r.landscapeGrid();
            if (g != null) {
                out.add(new ExportItem("landscape" + (planes > 1 ? suffix : ""), () -> {
                    LandscapeChart c = new LandscapeChart();
                    c.setGrid(g);
                    return c.chart();
                }, LandscapeChart.csv(g)));
            }
            LandscapeGrid g3 = r.threeLandscapeGrid();
            if (g3 != null) {
                out.add(new ExportItem("landscape_three_models" + (threePlanes > 1 ? suffix : ""), () -> {
                    LandscapeChart c = new LandscapeChart();
                    c.setGrid(g3);
                    return c.chart();
                }, LandscapeChart.csv(g3)));
            }
            List<SpectrumSet> sets = r.spectrumSets();
            for (int j = 0; j < sets.size(); j++) {
                SpectrumSet set = sets.get(j);
                out.add(new ExportItem("spectra_" + safe(set.layer()) + (spectra > 1 ? suffix : ""), () -> {
                    SpectraChart c = new SpectraChart();
                    c.setSpectra(set);
                    return c.chart();
                }, j == 0 ? SpectraChart.csv(sets) : null));
            }
            List<AlignmentMaps> maps = r.alignmentMaps();
            for (int j = 0; j < maps.size(); j++) {
                AlignmentMaps m = maps.get(j);
                String stem = "alignment_" + safe(m.layer()) + "_" + m.side() + suffix;
                out.add(new ExportItem(stem, () -> {
                    AlignmentCharts c = new AlignmentCharts();
                    c.setMaps(m);
                    return new javafx.scene.layout.HBox(c.beforeChart(), c.afterChart());
                }, j == 0 ? AlignmentCharts.csv(maps) : null));
            }
        }
        return out;
    }

    /** A file-name-safe version of a tensor or method name. */
    public static String safe(String s) {
        return s == null ? "none" : s.replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
