package org.lmcx.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.TestModels;
import org.lmcx.io.JsonMapper;
import org.lmcx.model.InvalidModelException;
import org.lmcx.model.Permutation;
import org.lmcx.model.PermutationSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one permutation format: perm.json and session runs are read and checked by the same code. */
class PermutationsTest {

    @TempDir
    Path dir;

    private final PermutationSpec spec = PermutationSpec.of(TestModels.mlp());

    @Test
    void aPermFileRoundTripsAndASessionRunsPermutationIsCheckedTheSameWay() throws Exception {
        Permutation p = spec.random(3);
        MatchSummary m = new MatchSummary(2, 1, 3, 0.1, 5, 4, p.perms());
        Path f = dir.resolve("perm.json");
        JsonMapper.write(f, PermutationFile.of("wm", "mlp", 0, m));
        assertThat(Permutations.read(f, spec)).isEqualTo(p);
        assertThat(m.permutation(spec, "run wm · seed 0")).isEqualTo(p);
        // The file's fields after seed are those of a run's match summary, by name.
        assertThat(Files.readString(f)).contains("\"l2After\"").contains("\"permutation\"");
    }

    @Test
    void everyDefectIsOneLineNamingTheSourceAndTheGroup() {
        Map<String, int[]> ok = spec.identity().perms();
        String g = ok.keySet().iterator().next();
        int n = ok.get(g).length;

        Map<String, int[]> wrongSize = new LinkedHashMap<>(ok);
        wrongSize.put(g, new int[n - 1]);
        assertThatThrownBy(() -> Permutations.validate(wrongSize, spec, "s.lmcx.json"))
                .isInstanceOf(InvalidModelException.class).hasMessageStartingWith("s.lmcx.json: group \"" + g)
                .hasMessageContaining("entries");

        Map<String, int[]> repeated = new LinkedHashMap<>(ok);
        repeated.put(g, new int[n]);
        assertThatThrownBy(() -> Permutations.validate(repeated, spec, "perm.json"))
                .hasMessage("perm.json: group \"" + g + "\" is not a permutation");

        Map<String, int[]> unknown = new LinkedHashMap<>(ok);
        unknown.put("P_nowhere", new int[]{0});
        assertThatThrownBy(() -> Permutations.validate(unknown, spec, "perm.json"))
                .hasMessageContaining("\"P_nowhere\" is not in this architecture");

        Map<String, int[]> missing = new LinkedHashMap<>(ok);
        missing.remove(g);
        assertThatThrownBy(() -> Permutations.validate(missing, spec, "perm.json"))
                .hasMessage("perm.json: group \"" + g + "\" missing");
    }

    @Test
    void notJsonOrNoPermutationIsNamed() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"permutation\": [1, 2]}");
        assertThatThrownBy(() -> Permutations.read(bad, spec)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("no \"permutation\" object");
        Files.writeString(bad, "{not json");
        assertThatThrownBy(() -> Permutations.read(bad, spec)).hasMessageContaining("bad.json: not valid JSON");
    }
}
