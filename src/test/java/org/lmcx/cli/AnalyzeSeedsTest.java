package org.lmcx.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.Fixtures;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code analyze --seeds}: one run per method and seed, and mean ± std that follow from the per-seed rows. */
@Tag("slow")
class AnalyzeSeedsTest {

    @TempDir
    Path dir;

    @Test
    void meanAndStdEqualTheHandComputationFromThePerSeedRows() throws Exception {
        Path out = dir.resolve("seeds.json");
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[]{"analyze", "--a", Fixtures.shared("torch_mlp_small_s7.safetensors").toString(),
                "--b", Fixtures.shared("torch_mlp_small_s8.safetensors").toString(),
                "--data", Fixtures.requireFashionMnist().toString(), "--train-size", "200", "--test-size", "200",
                "--random-subset", "--lambdas", "3", "--methods", "identity,wm", "--seeds", "0,1,2",
                "--out", out.toString(), "-q"}, new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        JsonNode o = new ObjectMapper().readTree(Files.readString(out));
        JsonNode runs = o.get("runs");
        assertThat(runs).hasSize(6);
        for (String method : List.of("identity", "wm")) {
            List<Double> barriers = new ArrayList<>();
            List<Long> seeds = new ArrayList<>();
            for (JsonNode r : runs) {
                if (r.get("key").get("method").asText().equals(method)) {
                    barriers.add(r.get("curve").get("test").get("lossBarrier").get("value").asDouble());
                    seeds.add(r.get("key").get("seed").asLong());
                    // Random subsets are drawn with the run's seed, and the key says so.
                    assertThat(r.get("key").get("data").get("subsetSeed").asLong()).isEqualTo(seeds.get(seeds.size() - 1));
                }
            }
            assertThat(seeds).containsExactly(0L, 1L, 2L);
            double mean = barriers.stream().mapToDouble(Double::doubleValue).sum() / 3;
            double ss = barriers.stream().mapToDouble(b -> (b - mean) * (b - mean)).sum();
            double std = Math.sqrt(ss / 2);
            JsonNode group = null;
            for (JsonNode g : o.get("seedSummary")) {
                if (g.get("label").asText().equals(method)) {
                    group = g;
                }
            }
            assertThat(group).as(method).isNotNull();
            JsonNode stat = group.get("metrics").get("testLossBarrier");
            assertThat(stat.get("n").asInt()).isEqualTo(3);
            assertThat(stat.get("mean").asDouble()).isCloseTo(mean, within(1e-12));
            assertThat(stat.get("std").asDouble()).isCloseTo(std, within(1e-12));
            // Different random subsets per seed: the identity barrier differs between seeds, so std is not
            // trivially 0 (a summary over one repeated row would pass the checks above).
            if (method.equals("identity")) {
                assertThat(std).as("identity std over seeds").isPositive();
            }
        }
        assertThat(o.get("failures")).isEmpty();
    }
}
