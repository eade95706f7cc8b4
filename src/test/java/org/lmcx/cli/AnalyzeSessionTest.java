package org.lmcx.cli;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.Fixtures;
import org.lmcx.render.SessionData;
import org.lmcx.render.SessionJson;

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
        assertThat(s.runs()).extracting(SessionData.RunData::method).containsExactly("identity", "wm");
        for (int r = 0; r < 2; r++) {
            JsonNode loss = o.get("runs").get(r).get("curve").get("test").get("loss");
            double[] fromSession = s.runs().get(r).curve().test().loss();
            assertThat(fromSession).hasSize(loss.size());
            for (int i = 0; i < loss.size(); i++) {
                assertThat(fromSession[i]).isEqualTo(loss.get(i).asDouble());
            }
            assertThat(s.runs().get(r).objective()).isEqualTo(o.get("runs").get(r).get("match").get("objective")
                    .asDouble());
        }
        assertThat(s.runs().get(1).permutation()).isNotEmpty();
        JsonNode grid = o.get("landscape").get("loss");
        assertThat(s.landscape().z()).hasNumberOfRows(grid.size());
        assertThat(s.landscape().z()[2][1]).isEqualTo(grid.get(2).get(1).asDouble());
        assertThat(s.landscape().markers()).hasSize(3);
        assertThat(s.spectra()).hasSize(o.get("spectra").get("layers").size());
        assertThat(s.spectra().get(0).series().get(2).values()[0])
                .isEqualTo(o.get("spectra").get("layers").get(0).get("permutedB").get(0).asDouble());
        assertThat(s.alignment()).hasSize(2 * o.get("alignment").get("layers").size());
        assertThat(s.alignment().get(0).after()[0][0])
                .isEqualTo(o.get("alignment").get("layers").get(0).get("after").get("left").get(0).get(0).asDouble());
        assertThat(o.get("taylor").get("estimate").get("barrier").isNumber()).isTrue();
        // A reopened session writes back the same file.
        assertThat(SessionJson.toJson(s)).isEqualTo(Files.readString(session));

        assertThat(charts.resolve("interpolation_loss.png")).isNotEmptyFile();
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
