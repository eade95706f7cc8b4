package org.lmcx.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.lmcx.match.MatchResult;
import org.lmcx.model.InvalidModelException;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code perm.json}: a matching result as written by {@code lmcx match --out} and read by
 * {@code interpolate --perm}. {@code permutation} maps each group to the B index placed at each position.
 */
record PermutationFile(String method, String architecture, long seed, double objective, double identityObjective,
                       int sweeps, double seconds, double l2Before, double l2After,
                       Map<String, int[]> permutation) {

    static PermutationFile of(MatchResult r, String architecture, long seed) {
        return new PermutationFile(r.method(), architecture, seed, r.objective(), r.identityObjective(), r.sweeps(),
                r.seconds(), r.distances().before(), r.distances().after(), r.permutation().perms());
    }

    /** Reads and checks a permutation file against a spec (group names, sizes, each a true permutation). */
    static Permutation read(Path file, PermutationSpec spec) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidModelException(file + ": not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode p = root == null ? null : root.get("permutation");
        if (p == null || !p.isObject()) {
            throw new InvalidModelException(file + ": no \"permutation\" object");
        }
        Map<String, int[]> perms = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            PermutationSpec.Group g = spec.groups().get(e.getKey());
            if (g == null) {
                throw new InvalidModelException(file + ": group \"" + e.getKey() + "\" is not in this architecture");
            }
            int[] v = new int[e.getValue().size()];
            boolean[] seen = new boolean[g.size()];
            if (v.length != g.size()) {
                throw new InvalidModelException(file + ": group \"" + e.getKey() + "\" has " + v.length
                        + " entries, the architecture " + g.size());
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = e.getValue().get(i).asInt(-1);
                if (v[i] < 0 || v[i] >= g.size() || seen[v[i]]) {
                    throw new InvalidModelException(file + ": group \"" + e.getKey() + "\" is not a permutation");
                }
                seen[v[i]] = true;
            }
            perms.put(e.getKey(), v);
        }
        for (String g : spec.groups().keySet()) {
            if (!perms.containsKey(g)) {
                throw new InvalidModelException(file + ": group \"" + g + "\" missing");
            }
        }
        return new Permutation(perms);
    }
}
