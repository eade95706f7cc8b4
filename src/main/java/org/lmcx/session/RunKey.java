package org.lmcx.session;

import org.lmcx.match.Matcher;
import org.lmcx.match.Matchers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything that produced a run, and so what makes two runs the same: equal keys mean the cached run is
 * reused; any difference (another seed, option, BN setting, λ grid, data subset, model file content or
 * program version) is a new run kept beside the old one.
 *
 * @param a            model A (the reference)
 * @param b            model B (permuted onto A)
 * @param c            model C of a three-model set, or null for a pair
 * @param architecture the architecture's name
 * @param data         dataset, subsets and normalization
 * @param method       the matcher's registry name
 * @param options      the method's complete options: its {@link Matcher#defaultOptions()} with the given values
 *                     on top, sorted by name (so "max_iter=100" given or left out is the same key)
 * @param seed         seed of the matching (and of random subsets, see {@link DataRef})
 * @param bnReset      whether BN statistics were recomputed at each λ
 * @param lambdas      the interpolation grid
 * @param version      program version ({@link ProgramVersion})
 */
public record RunKey(ModelRef a, ModelRef b, ModelRef c, String architecture, DataRef data, String method,
                     Map<String, String> options, long seed, boolean bnReset, List<Double> lambdas,
                     String version) {

    public RunKey {
        Objects.requireNonNull(a, "model A");
        Objects.requireNonNull(b, "model B");
        Objects.requireNonNull(method, "method");
        options = options == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(options));
        lambdas = lambdas == null ? List.of() : List.copyOf(lambdas);
    }

    /**
     * The key of a run about to be made: the method's options completed with its defaults, the current program
     * version.
     *
     * @throws IllegalArgumentException for an unknown method
     */
    public static RunKey resolve(ModelRef a, ModelRef b, ModelRef c, DataRef data, String method,
                                 Map<String, String> given, long seed, boolean bnReset, double[] lambdas) {
        Matcher m = Matchers.get(method);
        List<Double> grid = new ArrayList<>();
        for (double l : lambdas) {
            grid.add(l);
        }
        return new RunKey(a, b, c, a.architecture(), data, m.name(), completeOptions(m, given), seed, bnReset, grid,
                ProgramVersion.current());
    }

    /** The method's defaults with {@code given} on top (blank values count as not given; values trimmed). */
    public static Map<String, String> completeOptions(Matcher m, Map<String, String> given) {
        Map<String, String> out = new TreeMap<>(m.defaultOptions());
        if (given != null) {
            given.forEach((k, v) -> {
                if (v != null && !v.isBlank()) {
                    out.put(k.trim(), v.trim());
                }
            });
        }
        return out;
    }

    /**
     * This key with hash-less model refs (from a migrated version-1 session) replaced by the ref of the loaded
     * model opened from the same file; keys with hashes are returned as they are.
     */
    public RunKey withModelRefs(List<ModelRef> loaded) {
        if (a.sha256() != null && b.sha256() != null && (c == null || c.sha256() != null)) {
            return this;
        }
        ModelRef na = resolve(a, loaded);
        return new RunKey(na, resolve(b, loaded), resolve(c, loaded),
                architecture != null ? architecture : na.architecture(), data, method, options, seed, bnReset,
                lambdas, version);
    }

    private static ModelRef resolve(ModelRef r, List<ModelRef> loaded) {
        if (r == null || r.sha256() != null) {
            return r;
        }
        for (ModelRef l : loaded) {
            if (l != null && l.file() != null && l.file().equals(r.file())) {
                return l;
            }
        }
        return r;
    }

    /** Identifies the model set (A, B[, C]) by content, so views show only runs of the set that is open. */
    public String modelSetId() {
        return modelSetId(a, b, c);
    }

    public static String modelSetId(ModelRef a, ModelRef b, ModelRef c) {
        return id(a) + "+" + id(b) + (c == null ? "" : "+" + id(c));
    }

    private static String id(ModelRef r) {
        return r.sha256() != null ? r.sha256() : "file:" + r.file();
    }

    /** The short legend/table text: "wm · seed 0", "wm · seed 1 · BN reset". */
    public String label() {
        return method + " · seed " + seed + (bnReset ? " · BN reset" : "");
    }

    /**
     * Labels for runs shown together: each {@link #label()} plus the fields that differ between them (options,
     * λ grid, data, model C, version; options only among runs of one method), so no two shown runs read
     * alike unless their keys are equal.
     */
    public static List<String> labels(List<RunKey> shown) {
        List<String> out = new ArrayList<>();
        for (RunKey k : shown) {
            StringBuilder s = new StringBuilder(k.label());
            // Options are compared among runs of the same method only: other methods have other options.
            List<RunKey> sameMethod = shown.stream().filter(r -> r.method.equals(k.method)).toList();
            for (String opt : k.options.keySet()) {
                if (differs(sameMethod, r -> r.options.get(opt))) {
                    s.append(" · ").append(opt).append('=').append(k.options.get(opt));
                }
            }
            if (differs(shown, RunKey::lambdas)) {
                s.append(" · ").append(k.lambdas.size()).append(" λ");
                if (!k.lambdas.isEmpty()) {
                    s.append(String.format(Locale.ROOT, " in [%g, %g]", k.lambdas.get(0),
                            k.lambdas.get(k.lambdas.size() - 1)));
                }
            }
            if (differs(shown, RunKey::data)) {
                s.append(" · ").append(k.data == null ? "no data" : k.data.describe());
            }
            if (differs(shown, RunKey::c)) {
                s.append(k.c == null ? " · no C" : " · C " + k.c.fileName());
            }
            if (differs(shown, RunKey::version)) {
                s.append(" · v").append(k.version);
            }
            out.add(s.toString());
        }
        return out;
    }

    private static boolean differs(List<RunKey> keys, java.util.function.Function<RunKey, Object> field) {
        Object first = keys.isEmpty() ? null : field.apply(keys.get(0));
        for (RunKey k : keys) {
            if (!Objects.equals(first, field.apply(k))) {
                return true;
            }
        }
        return false;
    }

    /** The full key as text, one field per line: for tooltips, CSV metadata and JSON readers. */
    public String describe() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("model A", a.fileName() + " (sha256 " + a.sha256() + ")");
        f.put("model B", b.fileName() + " (sha256 " + b.sha256() + ")");
        if (c != null) {
            f.put("model C", c.fileName() + " (sha256 " + c.sha256() + ")");
        }
        f.put("architecture", architecture);
        f.put("data", data == null ? "none" : data.describe());
        f.put("method", method);
        f.put("options", options.isEmpty() ? "none" : options.toString());
        f.put("seed", Long.toString(seed));
        f.put("BN reset", bnReset ? "on" : "off");
        f.put("λ grid", lambdas.size() + " points" + (lambdas.isEmpty() ? ""
                : String.format(Locale.ROOT, " from %g to %g", lambdas.get(0), lambdas.get(lambdas.size() - 1))));
        f.put("program", "lmcx " + version);
        StringBuilder s = new StringBuilder();
        f.forEach((k, v) -> s.append(k).append(": ").append(v).append('\n'));
        return s.toString().stripTrailing();
    }

    /**
     * A stable identifier of the key (16 hex digits of the SHA-256 of its canonical text): for selections in a
     * session, and for file names of study cells. Equal keys have equal ids.
     */
    public String id() {
        // Exactly the fields equality uses (files are not: ModelRef compares by content).
        String canon = String.join("\n", modelSetId(), architecture, String.valueOf(data), method,
                options.toString(), Long.toString(seed), Boolean.toString(bnReset), lambdas.toString(), version);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canon.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
