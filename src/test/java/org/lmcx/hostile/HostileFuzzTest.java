package org.lmcx.hostile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.io.CheckpointLoader;
import org.lmcx.io.DatasetLoader;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import org.lmcx.model.Tensor;
import org.lmcx.model.UserInputException;
import org.lmcx.session.SessionData;
import org.lmcx.session.SessionJson;


import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Standing mutation fuzzing of every format LMC Explorer reads besides {@code .pt} (which has its own
 * TorchFuzzTest): safetensors checkpoints, architecture descriptors, IDX datasets, sessions and DL4J zips.
 * Every mutant (deterministic seeds) must end in a clean refusal — a {@link UserInputException}, what the CLI
 * turns into exit 2 — or in a read whose result satisfies the format's invariants; anything else (another
 * exception, an Error, a case slower than {@value #CASE_SECONDS} s) is an "other" outcome and fails the test.
 * Prints per format: mutants, refusals, reads, others, the slowest case and the peak heap.
 *
 * <p>{@code -Dlmcx.fuzz.count=N} mutants per format (default 2,000, the CI pass); {@code -Dlmcx.fuzz.seed=S}.
 */
@Tag("slow")
class HostileFuzzTest {

    private static final double CASE_SECONDS = 5;

    @TempDir
    static Path dir;
    static Path cnnModel;
    static byte[] safetensors;
    static String descriptor;
    static byte[] idxImages;
    static byte[] idxLabels;
    static String session;
    static Map<String, byte[]> dl4j;

    @BeforeAll
    static void originals() throws Exception {
        HostileCorpus.idxDataset(dir.resolve("idx"), 16, 28, -1);
        Random r = new Random(3);
        safetensors = HostileCorpus.safetensors(HostileCorpus.mlp(r), HostileCorpus.mlpShapes(), Map.of(), Map.of());
        Path corpus = dir.resolve("corpus");
        Files.createDirectories(corpus);
        HostileCorpus.writeConvFamily(corpus, r);
        cnnModel = corpus.resolve("cnn.safetensors");
        descriptor = Files.readString(corpus.resolve("cnn.arch.json"));
        idxImages = Files.readAllBytes(dir.resolve("idx/t10k-images-idx3-ubyte"));
        idxLabels = Files.readAllBytes(dir.resolve("idx/t10k-labels-idx1-ubyte"));
        session = SessionJson.toJson(org.lmcx.session.TestRuns.session());
        Path zip = dir.resolve("dl4j.zip");
        HostileCorpus.dl4jMlp(zip);
        dl4j = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                dl4j.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
    }

    /** What one mutant did. */
    private enum Outcome { REFUSED, READ, OTHER }

    @FunctionalInterface
    private interface Case {
        /** Reads the mutant and checks the result's invariants; throws whatever the reader throws. */
        void run(int i, Random r) throws Exception;
    }

    private record Stats(String format, int mutants, int refused, int read, List<String> others, double slowest,
                         long peakHeap, double seconds) {
        @Override
        public String toString() {
            return String.format("%-12s mutants %5d  refused %5d  read %5d  other %d  slowest %.3f s  peak heap %d MB"
                    + "  total %.1f s", format, mutants, refused, read, others.size(), slowest, peakHeap >> 20, seconds);
        }
    }

    @Test
    void everyMutantIsRefusedCleanlyOrReadCorrectly() {
        int count = Integer.getInteger("lmcx.fuzz.count", 2000);
        long seed = Long.getLong("lmcx.fuzz.seed", 20261202L);
        List<Stats> all = new ArrayList<>();
        all.add(fuzz("safetensors", count, seed, this::safetensorsCase));
        all.add(fuzz("descriptor", count, seed, this::descriptorCase));
        all.add(fuzz("idx", count, seed, this::idxCase));
        all.add(fuzz("session", count, seed, this::sessionCase));
        all.add(fuzz("dl4j-zip", count, seed, this::dl4jCase));
        all.forEach(System.out::println);
        for (Stats s : all) {
            assertThat(s.others()).as(s.format()).isEmpty();
            assertThat(s.refused() + s.read()).isEqualTo(s.mutants());
            assertThat(s.refused()).as(s.format() + ": mutants must reach the checks").isPositive();
        }
    }

    private Stats fuzz(String format, int count, long seed, Case c) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        Map<Outcome, Integer> n = new EnumMap<>(Outcome.class);
        List<String> others = new ArrayList<>();
        double[] slowest = {0};
        long start = System.nanoTime();
        // A whole format within a bound as well: a hang anywhere fails here instead of stalling the build.
        assertTimeoutPreemptively(Duration.ofSeconds(Math.max(120, count / 10)), () -> {
            for (int i = 0; i < count; i++) {
                Random r = new Random(seed * 1_000_003L + format.hashCode() * 31L + i);
                long t0 = System.nanoTime();
                Outcome o;
                String what = null;
                try {
                    c.run(i, r);
                    o = Outcome.READ;
                } catch (UserInputException e) {
                    o = Outcome.REFUSED;
                    if (e.getMessage() == null || e.getMessage().isBlank()) {
                        o = Outcome.OTHER;
                        what = "refusal without a message";
                    }
                } catch (Throwable e) {
                    o = Outcome.OTHER;
                    what = e.toString();
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                slowest[0] = Math.max(slowest[0], secs);
                if (secs > CASE_SECONDS) {
                    o = Outcome.OTHER;
                    what = "took " + secs + " s";
                }
                n.merge(o, 1, Integer::sum);
                if (o == Outcome.OTHER && others.size() < 10) {
                    others.add(format + " mutant " + i + ": " + what);
                }
            }
        });
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Stats(format, count, n.getOrDefault(Outcome.REFUSED, 0), n.getOrDefault(Outcome.READ, 0), others, slowest[0], peak, (System.nanoTime() - start) / 1e9);
    }

    private static void checkModel(Model m) {
        for (Map.Entry<String, int[]> e : m.architecture().parameterShapes().entrySet()) {
            Tensor t = m.tensor(e.getKey());
            assertThat(t.shape()).isEqualTo(e.getValue());
            assertThat(t.firstNonFinite()).isNegative();
        }
    }

    private void safetensorsCase(int i, Random r) throws IOException {
        byte[] m;
        if (r.nextBoolean()) {
            long n = java.nio.ByteBuffer.wrap(safetensors, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            String header = new String(safetensors, 8, (int) n, StandardCharsets.UTF_8);
            byte[] data = java.util.Arrays.copyOfRange(safetensors, 8 + (int) n, safetensors.length);
            m = HostileCorpus.raw(Mutator.json(header, r), data);
        } else {
            m = Mutator.bytes(safetensors, r);
        }
        Path f = Files.write(dir.resolve("m.safetensors"), m);
        checkModel(CheckpointLoader.load(f, null));
    }

    private void descriptorCase(int i, Random r) throws IOException {
        Path arch = Files.writeString(dir.resolve("m.arch.json"), Mutator.json(descriptor, r));
        checkModel(CheckpointLoader.load(cnnModel, arch));
    }

    private void idxCase(int i, Random r) throws IOException {
        Path d = dir.resolve("idx");
        boolean images = r.nextInt(3) != 0;
        Files.write(d.resolve("t10k-images-idx3-ubyte"), images ? Mutator.bytes(idxImages, r) : idxImages);
        Files.write(d.resolve("t10k-labels-idx1-ubyte"), images ? idxLabels : Mutator.bytes(idxLabels, r));
        Dataset ds = DatasetLoader.load(d, DatasetLoader.Split.TEST);
        assertThat(ds.size()).isPositive();
        assertThat((long) ds.features().length).isEqualTo((long) ds.size() * ds.exampleSize());
        for (int label : ds.labels()) {
            assertThat(label).isBetween(0, ds.numClasses() - 1);
        }
    }

    private void sessionCase(int i, Random r) {
        SessionData s = SessionJson.fromJson(Mutator.json(session, r), "s.lmcx.json");
        for (var run : s.runs()) {
            var c = run.curve();
            if (c != null && c.test() != null) {
                assertThat(c.test().loss()).hasSize(c.lambdas().length);
            }
        }
    }

    private void dl4jCase(int i, Random r) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(dl4j);
        int what = r.nextInt(5);
        if (what < 2) {
            entries.put("configuration.json", Mutator.json(new String(dl4j.get("configuration.json"),
                    StandardCharsets.UTF_8), r).getBytes(StandardCharsets.UTF_8));
        } else if (what < 4) {
            entries.put("coefficients.bin", Mutator.bytes(dl4j.get("coefficients.bin"), r));
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bos)) {
            z.setLevel(java.util.zip.Deflater.NO_COMPRESSION); // the reader is under test, not deflate
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        byte[] zip = what == 4 ? Mutator.bytes(bos.toByteArray(), r) : bos.toByteArray();
        Path f = Files.write(dir.resolve("m.zip"), zip);
        checkModel(CheckpointLoader.load(f, null));
    }
}
