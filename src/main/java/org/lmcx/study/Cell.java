package org.lmcx.study;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One independent unit of a study: a model set (a pair or a triple of one architecture and width) × method ×
 * matching seed. {@code index} is its position in the plan's deterministic expansion (Slurm's array index);
 * {@code key} the hash of its {@code provenance}, which names its result file.
 */
public record Cell(int index, String key, CellKey provenance, String architecture, String width, Kind kind, List<Long> modelSeeds,
                   List<Path> models, String method, Map<String, String> options, long matchingSeed) {

    public enum Kind {
        /** A and B: curves, L2, spectra, alignment, hidden inputs, Taylor, the permutation. */
        PAIR,
        /** A, B and C: the three-model barriers (B and C each matched to A). */
        TRIPLE
    }

    public Cell {
        modelSeeds = List.copyOf(modelSeeds);
        models = List.copyOf(models);
        options = Map.copyOf(options);
    }

    /** A short label for progress lines, e.g. {@code mlp w=128 s0–s1 wm seed 0}. */
    public String label() {
        StringBuilder s = new StringBuilder(architecture + " w=" + width + " ");
        for (int i = 0; i < modelSeeds.size(); i++) {
            s.append(i == 0 ? "s" : "–s").append(modelSeeds.get(i));
        }
        return s + " " + method + " seed " + matchingSeed;
    }

    /** The model set without method and matching seed: what paired tests pair on. */
    public String modelSetId() {
        return architecture + "|" + width + "|" + kind + "|" + modelSeeds;
    }
}
