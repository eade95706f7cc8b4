package org.lmcx.runner;

import org.lmcx.model.Model;
import org.lmcx.session.ModelRef;
import org.lmcx.session.RunKey;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The models a run is made on: A (the reference), B (permuted onto A) and optionally C, each with its
 * {@link ModelRef} (file and content hash). All share one architecture.
 */
public record ModelSet(Model a, ModelRef refA, Model b, ModelRef refB, Model c, ModelRef refC) {

    public ModelSet {
        Objects.requireNonNull(a, "model A");
        Objects.requireNonNull(b, "model B");
        Objects.requireNonNull(refA, "ref of A");
        Objects.requireNonNull(refB, "ref of B");
        a.requireSameArchitecture(b);
        if (c != null) {
            a.requireSameArchitecture(c);
            Objects.requireNonNull(refC, "ref of C");
        } else {
            refC = null;
        }
    }

    /** A set from loaded models and their files (hashes computed once per model object). */
    public static ModelSet of(Path fileA, Model a, Path fileB, Model b, Path fileC, Model c) {
        return new ModelSet(a, ModelRef.of(fileA, a), b, ModelRef.of(fileB, b), c,
                c == null ? null : ModelRef.of(fileC, c));
    }

    /** A set whose models' {@link Model#source()} are their files. */
    public static ModelSet of(Model a, Model b, Model c) {
        return of(null, a, null, b, null, c);
    }

    /** The same A and B without C. */
    public ModelSet pair() {
        return c == null ? this : new ModelSet(a, refA, b, refB, null, null);
    }

    public boolean hasC() {
        return c != null;
    }

    /** {@link RunKey#modelSetId()} of the runs made on this set. */
    public String id() {
        return RunKey.modelSetId(refA, refB, refC);
    }
}
