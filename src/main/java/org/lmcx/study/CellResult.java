package org.lmcx.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one cell measured, as stored in {@code cells/<key>.json}: the cell's identity and provenance, its scalar
 * metrics (names in {@link Metrics}) and, for pairs, the permutation of B (for agreement between methods).
 *
 * @param key            {@link CellKey#hash()}
 * @param provenance     the full key the hash was taken of
 * @param metrics        metric name → value, finite values only
 * @param permutation    group → B index placed at each position (pairs; empty for triples)
 * @param programVersion {@code lmcx} version that computed it
 * @param seconds        wall time of the cell (not part of the summary: it differs between engines)
 * @param host           where it ran (Slurm node or this machine)
 */
public record CellResult(int format, String key, CellKey provenance, String architecture, String width,
                         String kind, List<Long> modelSeeds, String method, long matchingSeed,
                         Map<String, Double> metrics, Map<String, int[]> permutation, String programVersion,
                         double seconds, String host) {

    public static final int FORMAT = 1;

    public CellResult {
        metrics = metrics == null ? Map.of() : new LinkedHashMap<>(metrics);
        permutation = permutation == null ? Map.of() : new LinkedHashMap<>(permutation);
        modelSeeds = List.copyOf(modelSeeds);
    }

    /** The model set without method and matching seed (as {@link Cell#modelSetId()}). */
    public String modelSetId() {
        return architecture + "|" + width + "|" + kind + "|" + modelSeeds;
    }
}
