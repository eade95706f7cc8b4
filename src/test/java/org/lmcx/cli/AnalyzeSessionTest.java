package org.lmcx.cli;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.Fixtures;
import org.lmcx.session.Run;
import org.lmcx.session.SessionData;
import org.lmcx.session.SessionJson;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lmcx analyze --session} writes what the GUI opens: the same numbers as {@code --out}, built with the
 * render package's own factories; {@code --export} draws its charts headless.
 */
@Tag("slow")
class AnalyzeSessionTest {

    @TempDir
    Path dir;

    @Test
    void sessionReopensWithTheNumbersOfTheJsonOutputAndExportsItsCharts() throws Exception {
        Path session = dir.resolve("s.lmcx.json");
        Path out = dir.resolve("out.json");
        Path charts = dir.resolve("charts");
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[]{"analyze", "--a", Fixtures.shared("torch_mlp_small_s7.safetensors").toString(),
                "--b", Fixtures.shared("torch_mlp_small_s8.safetensors").toString(),
                "--data", Fixtures.requireFashionMnist().toString(), "--train-size", "300", "--test-size", "300",
                "--lambdas", "5", "--spectra", "--align", "--k", "6", "--taylor", "--landscape", "--grid", "3",
                "--session", session.toString(), "--out", out.toString(), "--export", charts.toString(), "-q"},
                new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();

        SessionData s = SessionJson.read(session);
        JsonNode o = new ObjectMapper().readTree(Files.readString(out));
        assertThat(o.get("focusMethod").asText()).isEqualTo("wm");
        assertThat(s.runs()).extracting(r -> r.key().method()).containsExactly("identity", "wm");
        // The JSON carries each run's full key: models by hash, complete options, seed.
        assertThat(o.get("runs").get(1).get("key").get("a").get("sha256").asText()).hasSize(64);
        assertThat(o.get("runs").get(1).get("key").get("options").get("max_iter").asText()).isEqualTo("100");
        assertThat(o.get("runs").get(1).get("key").get("seed").asLong()).isZero();
        for (int r = 0; r < 2; r++) {
            JsonNode loss = o.get("runs").get(r).get("curve").get("test").get("loss");
            double[] fromSession = s.runs().get(r).curve().test().loss();
            assertThat(fromSession).hasSize(loss.size());
            for (int i = 0; i < loss.size(); i++) {
                assertThat(fromSession[i]).isEqualTo(loss.get(i).asDouble());
            }
            assertThat(s.runs().get(r).match().objective()).isEqualTo(o.get("runs").get(r).get("match")
                    .get("objective").asDouble());
        }
        Run wm = s.runs().get(1);
        JsonNode wmJson = o.get("runs").get(1);
        assertThat(wm.match().permutation()).isNotEmpty();
        JsonNode grid = wmJson.get("landscape").get("loss");
        assertThat(wm.landscapeGrid().z()).hasNumberOfRows(grid.size());
        assertThat(wm.landscapeGrid().z()[2][1]).isEqualTo(grid.get(2).get(1).asDouble());
        assertThat(wm.landscapeGrid().markers()).hasSize(3);
        assertThat(wm.spectrumSets()).hasSize(wmJson.get("spectra").get("layers").size());
        assertThat(wm.spectrumSets().get(0).series().get(2).values()[0])
                .isEqualTo(wmJson.get("spectra").get("layers").get(0).get("permutedB").get(0).asDouble());
        assertThat(wm.alignmentMaps()).hasSize(2 * wmJson.get("alignment").get("layers").size());
        assertThat(wm.alignmentMaps().get(0).after()[0][0]).isEqualTo(wmJson.get("alignment").get("layers").get(0)
                .get("after").get("left").get(0).get(0).asDouble());
        assertThat(wmJson.get("taylor").get("estimate").get("barrier").isNumber()).isTrue();
        assertThat(s.runs().get(0).landscape()).isNull();
        // A reopened session writes back the same file.
        assertThat(SessionJson.toJson(s)).isEqualTo(Files.readString(session));

        assertThat(charts.resolve("path_loss_accuracy.png")).isNotEmptyFile();
        assertThat(charts.resolve("path_loss_accuracy.pdf")).isNotEmptyFile();
        assertThat(charts.resolve("path_loss_accuracy.svg")).isNotEmptyFile();
        assertThat(charts.resolve("landscape.png")).isNotEmptyFile();
        assertThat(charts.resolve("landscape.csv")).isNotEmptyFile();
        assertThat(charts.resolve("summary.csv")).isNotEmptyFile();
        try (var files = Files.list(charts)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("spectra_") && n.endsWith(".png"))
                    .anyMatch(n -> n.startsWith("alignment_") && n.endsWith(".png"));
        }
    }

    @Test
    void landscapeNeedsAMatchingMethod() {
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[]{"analyze", "--a", Fixtures.shared("torch_mlp_small_s7.safetensors").toString(),
                "--b", Fixtures.shared("torch_mlp_small_s8.safetensors").toString(), "--data", "/nonexistent",
                "--methods", "identity", "--landscape"}, new PrintWriter(err, true));
        assertThat(code).isEqualTo(Cli.USER_ERROR);
        assertThat(err.toString()).contains("--landscape");
    }
}
