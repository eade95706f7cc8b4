package org.lmcx.render.figure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One figure to write: file stem, what to draw, the numbers behind it and the metadata for the sidecar.
 *
 * @param stem   file name without extension, e.g. "path_loss_accuracy"
 * @param figure what is drawn
 * @param table  the numbers behind it (CSV); null when another figure's table already holds them
 * @param meta   units, markers, provenance… (JSON sidecar {@code <stem>.csv.json}); may be empty
 */
public record FigureSpec(String stem, Figure figure, Table table, Map<String, Object> meta) {

    public FigureSpec {
        if (stem == null || !stem.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("figure file stem '" + stem + "' must be letters, digits, . _ -");
        }
        meta = meta == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    }

    public static FigureSpec of(String stem, Figure figure, Table table) {
        return new FigureSpec(stem, figure, table, Map.of());
    }

    /** A file-name-safe version of a tensor or method name. */
    public static String safe(String s) {
        return s == null ? "none" : s.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    public FigureSpec withMeta(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(meta);
        m.put(key, value);
        return new FigureSpec(stem, figure, table, m);
    }
}
