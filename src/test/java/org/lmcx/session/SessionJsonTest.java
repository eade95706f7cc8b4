package org.lmcx.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.render.SummaryTable;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionJsonTest {

    @TempDir
    Path dir;

    @Test
    void sessionSurvivesARoundTripThroughJson() throws Exception {
        SessionData s = TestRuns.session();
        Path f = dir.resolve("s.lmcx.json");
        SessionJson.write(s, f);
        SessionData back = SessionJson.read(f);
        assertThat(back.version()).isEqualTo(SessionData.CURRENT_VERSION);
        assertThat(back.models()).isEqualTo(s.models());
        assertThat(back.runs()).extracting(Run::key).containsExactlyElementsOf(s.runs().stream().map(Run::key)
                .toList());
        assertThat(back.runs().get(1).curve().test().loss()).containsExactly(s.runs().get(1).curve().test().loss());
        assertThat(back.runs().get(1).curve().test().lossBarrier()).isEqualTo(
                s.runs().get(1).curve().test().lossBarrier());
        assertThat(back.runs().get(1).landscapeGrid().z()[3]).containsExactly(s.runs().get(1).landscapeGrid().z()[3]);
        assertThat(back.runs().get(1).alignmentMaps().get(0).after()[2])
                .containsExactly(s.runs().get(1).alignmentMaps().get(0).after()[2]);
        assertThat(back.runs().get(1).match()).isEqualTo(s.runs().get(1).match());
        assertThat(back.ui()).isEqualTo(s.ui());
        assertThat(SummaryTable.tsv(back)).isEqualTo(SummaryTable.tsv(s));
        // Written again, byte for byte the same file.
        assertThat(SessionJson.toJson(back)).isEqualTo(Files.readString(f));
    }

    @Test
    void runsWithDifferentSeedsAndOptionsReopenEachWithItsOwnSettings() throws Exception {
        List<Run> runs = List.of(
                TestRuns.run("wm", Map.of("max_iter", "100"), 0, false, 0.10),
                TestRuns.run("wm", Map.of("max_iter", "100"), 1, false, 0.20),
                TestRuns.run("wm", Map.of("max_iter", "100"), 1, true, 0.30),
                TestRuns.run("sinkhorn", Map.of("lr", "0.05", "iterations", "200"), 2, false, 0.40));
        SessionData s = SessionData.of(List.of(TestRuns.A, TestRuns.B), TestRuns.DATA,
                new SessionData.MethodSettings(List.of(), 7, false, 11), runs,
                new SessionData.UiState(0.25, List.of(runs.get(1).key().id()), runs.get(2).key().id()));
        Path f = dir.resolve("seeds.lmcx.json");
        SessionJson.write(s, f);
        SessionData back = SessionJson.read(f);
        assertThat(back.runs()).hasSize(4);
        for (int i = 0; i < runs.size(); i++) {
            RunKey k = back.runs().get(i).key();
            assertThat(k).isEqualTo(runs.get(i).key());
            assertThat(k.id()).isEqualTo(runs.get(i).key().id());
            assertThat(back.runs().get(i).testLossBarrier()).isEqualTo(runs.get(i).testLossBarrier());
        }
        assertThat(back.runs()).extracting(r -> r.key().seed()).containsExactly(0L, 1L, 1L, 2L);
        assertThat(back.runs()).extracting(r -> r.key().bnReset()).containsExactly(false, false, true, false);
        assertThat(back.runs().get(3).key().options()).containsEntry("lr", "0.05");
        assertThat(back.runs()).extracting(Run::label)
                .containsExactly("wm · seed 0", "wm · seed 1", "wm · seed 1 · BN reset", "sinkhorn · seed 2");
        // The next-run seed is UI state, not the seed of the runs.
        assertThat(back.methods().seed()).isEqualTo(7);
        assertThat(back.ui().selectedRuns()).containsExactly(runs.get(1).key().id());
    }

    @Test
    void aVersionOneSessionMigratesWithItsRunsAnalysesAndThreeModelRows() throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream("v1-demo.lmcx.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(json).contains("\"version\" : 1");
        SessionData s = SessionJson.fromJson(json, "v1-demo.lmcx.json");
        assertThat(s.version()).isEqualTo(SessionData.CURRENT_VERSION);
        assertThat(s.models()).hasSize(3).allMatch(m -> m.file().endsWith(".safetensors") && m.sha256() == null);
        assertThat(s.runs()).extracting(r -> r.key().method()).containsExactly("identity", "wm");
        assertThat(s.runs()).allMatch(Run::ok);
        // The v1 global seed (3) becomes each run's seed; options are completed with the method's defaults.
        assertThat(s.runs()).allMatch(r -> r.key().seed() == 3);
        assertThat(s.runs().get(1).key().options()).containsEntry("max_iter", "100");
        assertThat(s.runs().get(0).key().lambdas()).hasSize(5);
        assertThat(s.runs().get(0).key().version()).isEqualTo(SessionV1.VERSION_LABEL);
        assertThat(s.data().trainSize()).isEqualTo(200);
        Run wm = s.runs().get(1);
        assertThat(wm.match().permutation()).isNotEmpty();
        // The global spectra, alignment and landscape go to the WM run, which they were computed for.
        assertThat(wm.spectra().layers()).isNotEmpty();
        assertThat(wm.alignment().layers()).isNotEmpty();
        assertThat(wm.landscape().loss()).isNotEmpty();
        assertThat(s.runs().get(0).spectra()).isNull();
        // Three-model rows join their run; identity rows are no longer "matched".
        assertThat(s.runs().get(0).three().pairs()).hasSize(3).noneMatch(p -> p.matched());
        assertThat(wm.three().pairs()).extracting(p -> p.matched()).containsExactly(true, true, false);
        assertThat(wm.three().matchC().permutation()).isNotEmpty();
        assertThat(wm.threeLandscape()).isNotNull();
        // Once the models are open again, the runs get their hashes and belong to the open model set.
        List<ModelRef> loaded = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            loaded.add(new ModelRef(s.models().get(i).file(), String.format("%064d", i), "mlp[512,512]"));
        }
        SessionData h = s.withModelRefs(loaded);
        String set = RunKey.modelSetId(loaded.get(0), loaded.get(1), loaded.get(2));
        assertThat(h.runsOf(set)).hasSize(2);
        // Written as version 2 and read back, unchanged.
        SessionData again = SessionJson.fromJson(SessionJson.toJson(h), "again");
        assertThat(again.runs()).extracting(Run::key).containsExactlyElementsOf(h.runs().stream().map(Run::key)
                .toList());
    }

    @Test
    void aDamagedFileIsReportedByName() {
        assertThatThrownBy(() -> SessionJson.fromJson("{\"runs\": [", "broken.json"))
                .isInstanceOf(org.lmcx.model.UserInputException.class).hasMessageContaining("broken.json");
    }

    @Test
    void aCurveShorterThanItsLambdaGridIsRefusedNamingFileAndRun() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = mapper.readTree(SessionJson.toJson(TestRuns.session()));
        var run = tree.get("runs").get(0);
        var loss = (com.fasterxml.jackson.databind.node.ArrayNode) run.get("curve").get("test").get("loss");
        int n = loss.size();
        loss.remove(n - 1);
        String label = SessionJson.fromJson(SessionJson.toJson(TestRuns.session()), "ok.json").runs().get(0).label();
        assertThatThrownBy(() -> SessionJson.fromJson(mapper.writeValueAsString(tree), "short.lmcx.json"))
                .isInstanceOf(org.lmcx.model.UserInputException.class)
                .hasMessageStartingWith("short.lmcx.json: run " + label)
                .hasMessageContaining("has " + n + " λ values but " + (n - 1) + " losses");
    }

    @Test
    void aLayerListedTwiceInARunsAlignmentIsRefused() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = mapper.readTree(SessionJson.toJson(TestRuns.session()));
        var layers = (com.fasterxml.jackson.databind.node.ArrayNode) tree.get("runs").get(1).get("alignment")
                .get("layers");
        String tensor = layers.get(0).get("tensor").asText();
        layers.add(layers.get(0).deepCopy());
        assertThatThrownBy(() -> SessionJson.fromJson(mapper.writeValueAsString(tree), "twice.lmcx.json"))
                .isInstanceOf(org.lmcx.model.UserInputException.class).hasMessageStartingWith("twice.lmcx.json: run ")
                .hasMessageEndingWith(": alignment list layer " + tensor + " twice");
    }

    @Test
    void aNewerFormatIsRefusedByName() {
        assertThatThrownBy(() -> SessionJson.fromJson("{\"version\": 99}", "future.json"))
                .isInstanceOf(org.lmcx.model.UserInputException.class).hasMessageContaining("future.json")
                .hasMessageContaining("newer");
    }
}
