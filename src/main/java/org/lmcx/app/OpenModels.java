package org.lmcx.app;

import org.lmcx.model.Model;

import java.nio.file.Path;

/**
 * The models open in the slots, as one model set: A and B, and C when loaded. {@link #pairId()} and
 * {@link #setId()} name the set; a run belongs to the views when its model set is this one.
 */
public record OpenModels(Model a, Path pathA, Model b, Path pathB, Model c, Path pathC) {

    /** A and B. */
    public String pairId() {
        return id(pathA) + "|" + id(pathB);
    }

    /** A, B and C; null without C. */
    public String tripleId() {
        return pathC == null ? null : pairId() + "|" + id(pathC);
    }

    boolean sameSet(OpenModels o) {
        return pairId().equals(o.pairId()) && java.util.Objects.equals(tripleId(), o.tripleId())
                && a == o.a && b == o.b && c == o.c;
    }

    private static String id(Path p) {
        return p == null ? "?" : p.toAbsolutePath().normalize().toString();
    }

    static String fileName(Path p, String fallback) {
        return p == null || p.getFileName() == null ? fallback : p.getFileName().toString();
    }
}
