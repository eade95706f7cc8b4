package org.lmcx.app;

import org.lmcx.model.Model;
import org.lmcx.runner.ModelSet;

import java.nio.file.Path;

/**
 * The models open in the slots as one model set (A and B, and C when loaded) with the files they came from.
 * A run belongs to the views when its {@link org.lmcx.session.RunKey#modelSetId()} is {@link #id()}.
 */
public record OpenModels(ModelSet set, Path pathA, Path pathB, Path pathC) {

    public Model a() {
        return set.a();
    }

    public Model b() {
        return set.b();
    }

    public Model c() {
        return set.c();
    }

    /** The model set's id (content hashes of A, B[, C]). */
    public String id() {
        return set.id();
    }

    /** Same models (by content) in the same slots, and the same model objects (else π(B) must be rebuilt). */
    @SuppressWarnings("ReferenceEquality") // the same objects, by design
    boolean sameSet(OpenModels o) {
        return id().equals(o.id()) && a() == o.a() && b() == o.b() && c() == o.c();
    }

    static String fileName(Path p, String fallback) {
        return p == null || p.getFileName() == null ? fallback : p.getFileName().toString();
    }
}
