package org.lmcx.session;

import org.lmcx.model.Model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model as a run refers to it: the file it was opened from, the SHA-256 of its weights
 * ({@link ContentHash}) and its architecture's name. Two refs are equal when their hashes are: the same
 * weights opened from a {@code .pt} and from its {@code .safetensors} twin are one model, so a run keyed on
 * one is reused for the other. {@code file} is kept for display and for reopening a session.
 *
 * @param file         path as opened (absolute where known); may be null for a model that never had a file
 * @param sha256       hex SHA-256 of the weights; null only in refs migrated from version-1 sessions
 * @param architecture the architecture's name, e.g. "mlp[512,512]"
 */
public record ModelRef(String file, String sha256, String architecture) {

    /** The ref of a loaded model: its hash is computed once per model object. */
    public static ModelRef of(Path file, Model model) {
        String f = file == null ? model.source() : file.toAbsolutePath().normalize().toString();
        return new ModelRef(f, ContentHash.of(model), model.architecture().name());
    }

    /** The ref of a loaded model whose {@link Model#source()} is its file. */
    public static ModelRef of(Model model) {
        return of(null, model);
    }

    /** The file's name without its folder ("mlp_s0.safetensors"), or the hash prefix without a file. */
    public String fileName() {
        if (file == null) {
            return shortHash();
        }
        Path p = Path.of(file).getFileName();
        return p == null ? file : p.toString();
    }

    /** The first 12 hex digits of the hash, enough to tell models apart in a table. */
    public String shortHash() {
        return sha256 == null ? "unhashed" : sha256.substring(0, Math.min(12, sha256.length()));
    }

    /** Equal when the weights are (by hash); a ref without a hash (v1 migration) compares by file. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ModelRef r)) {
            return false;
        }
        return (sha256 != null || r.sha256 != null) ? Objects.equals(sha256, r.sha256) : Objects.equals(file, r.file);
    }

    @Override
    public int hashCode() {
        return sha256 != null ? sha256.hashCode() : Objects.hashCode(file);
    }
}
