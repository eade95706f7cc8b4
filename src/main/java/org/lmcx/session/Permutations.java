package org.lmcx.session;

import com.fasterxml.jackson.databind.JsonNode;
import org.lmcx.io.JsonMapper;
import org.lmcx.model.InvalidModelException;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one permutation format and its one validation. A permutation is a JSON object mapping each group of the
 * architecture's {@link PermutationSpec} to an int array: entry i is the index of B's unit placed at position
 * i (git-re-basin's convention). {@code perm.json} ({@link PermutationFile}), session runs
 * ({@link MatchSummary#permutation()}) and three-model runs all hold it under the name {@code permutation}.
 */
public final class Permutations {

    private Permutations() {
    }

    /**
     * Checks a permutation against a spec: every group known, every group present, each of the group's size,
     * each a true permutation.
     *
     * @param source names the file or run in messages
     * @throws InvalidModelException with one line naming {@code source}, the group and the problem
     */
    public static Permutation validate(Map<String, int[]> perms, PermutationSpec spec, String source) {
        if (perms == null) {
            throw new InvalidModelException(source + ": no permutation");
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : perms.entrySet()) {
            PermutationSpec.Group g = spec.groups().get(e.getKey());
            if (g == null) {
                throw new InvalidModelException(source + ": group \"" + e.getKey()
                        + "\" is not in this architecture");
            }
            int[] v = e.getValue();
            if (v == null || v.length != g.size()) {
                throw new InvalidModelException(source + ": group \"" + e.getKey() + "\" has "
                        + (v == null ? 0 : v.length) + " entries, the architecture " + g.size());
            }
            boolean[] seen = new boolean[g.size()];
            for (int x : v) {
                if (x < 0 || x >= g.size() || seen[x]) {
                    throw new InvalidModelException(source + ": group \"" + e.getKey() + "\" is not a permutation");
                }
                seen[x] = true;
            }
            out.put(e.getKey(), v);
        }
        for (String g : spec.groups().keySet()) {
            if (!out.containsKey(g)) {
                throw new InvalidModelException(source + ": group \"" + g + "\" missing");
            }
        }
        return new Permutation(out);
    }

    /**
     * Reads the {@code permutation} object of a JSON file ({@code perm.json}, or anything holding one at the
     * top level) and validates it against the spec.
     *
     * @throws InvalidModelException naming the file if it is not JSON, has no permutation or does not fit
     */
    public static Permutation read(Path file, PermutationSpec spec) throws IOException {
        JsonNode root;
        try {
            root = JsonMapper.get().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidModelException(file + ": not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode p = root == null ? null : root.get("permutation");
        if (p == null || !p.isObject()) {
            throw new InvalidModelException(file + ": no \"permutation\" object");
        }
        Map<String, int[]> perms = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode arr = e.getValue();
            if (!arr.isArray()) {
                throw new InvalidModelException(file + ": group \"" + e.getKey() + "\" is not an array");
            }
            int[] v = new int[arr.size()];
            for (int i = 0; i < v.length; i++) {
                JsonNode x = arr.get(i);
                v[i] = x.isIntegralNumber() && x.canConvertToInt() ? x.asInt() : -1;
            }
            perms.put(e.getKey(), v);
        }
        return validate(perms, spec, file.toString());
    }
}
