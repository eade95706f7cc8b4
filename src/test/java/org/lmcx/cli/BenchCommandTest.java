package org.lmcx.cli;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lmcx bench --quick} runs end to end and reports every hot path with its baseline. No timing checks. */
@Tag("slow")
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void quickRunWritesEveryRow() throws IOException {
        Path out = dir.resolve("bench.json");
        assertThat(Cli.run(new String[]{"bench", "--quick", "--no-peer", "--out", out.toString()})).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toFile());
        List<String> ids = new ArrayList<>();
        for (JsonNode row : report.get("rows")) {
            ids.add(row.get("id").asText());
            assertThat(row.get("value").isNumber()).as(row.toString()).isTrue();
        }
        assertThat(ids).containsExactly("conv.vgg11.dl4j", "conv.vgg11.fast", "conv.resnet20.dl4j",
                "conv.resnet20.fast", "mlp.forward.dl4j", "mlp.forward.fast", "interp.mlp", "memory.interp.mlp", "interp.resnet20",
                "memory.interp.resnet20",
                "lap.64", "wm.mlp", "svd.values.64×64", "svd.vectors.64×64", "svd.values.64×576",
                "svd.vectors.64×576", "slider.idle", "slider.job", "slider.job.yield", "memory.peak");
        for (JsonNode row : report.get("rows")) {
            if (!row.get("id").asText().startsWith("memory.")) {
                assertThat(row.get("baseline").isNumber()).as(row.toString()).isTrue();
                assertThat(row.get("ratio").asDouble()).as(row.toString()).isPositive();
            }
        }
        assertThat(report.get("peakResidentKb").asLong()).isPositive();
    }

    /**
     * Where python3 has numpy and scipy, LAP, WM and SVD are also timed against them, on the same inputs, and
     * the notes say the results agree (scipy's optimum, numpy's singular values).
     */
    @Test
    void peerRowsWhereNumpyAndScipyArePresent() throws IOException {
        try (PythonPeer peer = PythonPeer.start()) {
            assertThat(peer.versions).startsWith("numpy ");
        } catch (IOException e) {
            Assumptions.assumeTrue(false, "no python3 with numpy/scipy: " + e.getMessage());
        }
        Path out = dir.resolve("peer.json");
        assertThat(Cli.run(new String[]{"bench", "--quick", "--only", "lap,wm,svd", "--out", out.toString()}))
                .isZero();
        JsonNode report = new ObjectMapper().readTree(out.toFile());
        List<String> ids = new ArrayList<>();
        for (JsonNode row : report.get("rows")) {
            String id = row.get("id").asText();
            ids.add(id);
            if (id.endsWith(".scipy") || id.endsWith(".numpy")) {
                assertThat(row.get("baseline").asDouble()).as(id).isPositive();
                assertThat(row.get("ratio").asDouble()).as(id).isPositive();
            }
            if (id.startsWith("svd.") && id.endsWith(".numpy")) {
                double gap = Double.parseDouble(row.get("note").asText().replaceAll(".*numpy ", ""));
                assertThat(gap).as(id + " relative difference from numpy").isLessThan(1e-10);
            }
        }
        assertThat(ids).contains("lap.64.scipy", "wm.mlp.numpy", "svd.values.64×576.numpy",
                "svd.vectors.64×576.numpy");
    }
}
