package org.lmcx.study;

import org.lmcx.model.UserInputException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A study plan as the user writes it (YAML or JSON, the README shows an example). Only data: nothing in a plan
 * is executed; {@link #read} checks every field that sizes or names something and says which is wrong.
 *
 * @param name          a title for tables and figures
 * @param output        study folder, relative to the plan's folder (default {@code <plan stem>-study})
 * @param data          the dataset and its subsets, as in {@code lmcx analyze --data}
 * @param architectures each with its widths and where its models are
 * @param seeds         the training seeds of the models (one model per architecture × width × seed)
 * @param pairs         {@code "all"} (every pair of seeds, in order) or a list of seed pairs
 * @param triples       {@code "all"}, {@code "none"} or a list of seed triples; three-model barriers need them
 * @param methods       methods with their options
 * @param matchingSeeds seeds of the matching itself (identity, being deterministic, runs once)
 * @param analyses      what each cell measures
 * @param tests         which paired tests the summary reports
 * @param slurm         job array resources (flags of {@code lmcx study submit} override them)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record StudyPlan(String name, String output, DataSpec data, List<ArchitectureSpec> architectures,
                        List<Long> seeds, JsonNode pairs, JsonNode triples, List<MethodSpec> methods,
                        List<Long> matchingSeeds, Analyses analyses, Tests tests, SlurmSpec slurm) {

    /**
     * @param dir    dataset folder, relative to the plan
     * @param train  training examples (matching data for AM/STE, BN reset, train curve)
     * @param test   test examples for curves, Taylor and hidden inputs
     * @param random a seeded random subset instead of the first N
     */
    public record DataSpec(String dir, Integer train, Integer test, Boolean random) {
    }

    /**
     * @param name          label in the summary, e.g. {@code mlp}
     * @param family        {@code mlp}, {@code vgg11}, {@code vgg16} or {@code resnet20} (used to train missing models)
     * @param input         input shape, e.g. {@code [1, 28, 28]}
     * @param classes       number of classes
     * @param depth         hidden layers of an MLP (each of the width)
     * @param widths        MLP widths or width multipliers, written as the file pattern should show them
     * @param models        file pattern relative to the plan, with {@code {width}} and {@code {seed}}
     * @param modelsByWidth a different pattern for some widths (e.g. models that already exist elsewhere)
     * @param train         settings for {@code lmcx train} to create the missing models; absent = a missing
     *                      model is an error
     */
    public record ArchitectureSpec(String name, String family, int[] input, Integer classes, Integer depth,
                                   List<String> widths, String models, Map<String, String> modelsByWidth,
                                   TrainSpec train) {
        public String pattern(String width) {
            return modelsByWidth != null && modelsByWidth.containsKey(width) ? modelsByWidth.get(width) : models;
        }

        public String modelPath(String width, long seed) {
            return pattern(width).replace("{width}", width).replace("{seed}", Long.toString(seed));
        }
    }

    /** {@code lmcx train} settings; {@code data} is the full training set (relative to the plan). */
    public record TrainSpec(String data, Integer trainSize, Integer epochs, Integer batchSize, Double lr) {
    }

    public record MethodSpec(String name, Map<String, String> options) {
        public MethodSpec {
            options = options == null ? Map.of() : new TreeMap<>(options);
        }
    }

    /**
     * @param lambdas              points on [0, 1] for the curves (odd, so λ = 0.5 is one of them)
     * @param bnReset              recompute BN statistics along the path
     * @param spectra              large-singular-value counts and stable ranks of A and the merged model
     * @param alignmentK           top-k singular vectors compared (0 = off)
     * @param hiddenInputK         top-k right singular vectors for hidden-input inner products (0 = off)
     * @param hiddenInputSamples   test inputs used for the hidden-input inner products
     * @param taylor               Taylor estimate of the midpoint barrier vs the actual one
     * @param largeSingularValues  the definition of a "large" singular value, see {@link LargeSingularValues}
     */
    public record Analyses(Integer lambdas, Boolean bnReset, Boolean spectra, Integer alignmentK,
                           Integer hiddenInputK, Integer hiddenInputSamples, Boolean taylor,
                           LargeSingularValues.Definition largeSingularValues) {
        public static Analyses defaults() {
            return new Analyses(11, false, true, 32, 32, 1000, true, LargeSingularValues.Definition.standard());
        }

        Analyses resolved() {
            Analyses d = defaults();
            return new Analyses(lambdas == null ? d.lambdas : lambdas, bnReset == null ? d.bnReset : bnReset,
                    spectra == null ? d.spectra : spectra, alignmentK == null ? d.alignmentK : alignmentK,
                    hiddenInputK == null ? d.hiddenInputK : hiddenInputK,
                    hiddenInputSamples == null ? d.hiddenInputSamples : hiddenInputSamples,
                    taylor == null ? d.taylor : taylor,
                    largeSingularValues == null ? d.largeSingularValues : largeSingularValues);
        }
    }

    /** @param threeModel the two methods whose π(b)–π(c) barriers are compared (Ito et al. Tables 3/5) */
    public record Tests(List<String> threeModel) {
        static Tests defaults() {
            return new Tests(List.of("wm", "ste"));
        }
    }

    /**
     * @param cpusPerTask {@code --cpus-per-task} (and the ND4J threads of the task)
     * @param mem         {@code --mem}, e.g. {@code 4G}
     * @param time        {@code --time}, e.g. {@code 00:30:00}
     * @param partition   {@code --partition}, absent = the cluster's default
     * @param batch       cells per array task (JVM start and loading are paid once per task)
     * @param maxRunning  the {@code %N} throttle of the array
     */
    public record SlurmSpec(Integer cpusPerTask, String mem, String time, String partition, Integer batch,
                            Integer maxRunning) {
        static SlurmSpec defaults() {
            return new SlurmSpec(2, "4G", "01:00:00", null, 1, null);
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    /** Reads and checks a plan; a problem is one {@link IllegalArgumentException} line naming the file. */
    public static StudyPlan read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (Files.size(file) > 1 << 20) {
            throw new UserInputException(file + ": a study plan over 1 MB is not a plan");
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = lower.endsWith(".json") ? JSON : YAML;
        StudyPlan p;
        try {
            p = mapper.readValue(file.toFile(), StudyPlan.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new UserInputException(file + ": not a valid study plan: " + e.getOriginalMessage());
        }
        if (p == null) {
            throw new UserInputException(file + ": empty study plan");
        }
        return p.validated(file);
    }

    private StudyPlan validated(Path file) {
        String where = file + ": ";
        if (data == null || data.dir() == null) {
            throw new UserInputException(where + "data.dir is required");
        }
        if (architectures == null || architectures.isEmpty()) {
            throw new UserInputException(where + "at least one architecture is required");
        }
        for (ArchitectureSpec a : architectures) {
            if (a.name() == null || a.widths() == null || a.widths().isEmpty() || a.models() == null) {
                throw new UserInputException(where + "each architecture needs name, widths and models "
                        + "(a path pattern with {width} and {seed})");
            }
            if (!a.models().contains("{seed}")) {
                throw new UserInputException(where + "architecture " + a.name() + ": models pattern "
                        + a.models() + " has no {seed}");
            }
        }
        if (seeds == null || seeds.size() < 2) {
            throw new UserInputException(where + "seeds: at least two model seeds are needed for a pair");
        }
        if (methods == null || methods.isEmpty()) {
            throw new UserInputException(where + "at least one method is required");
        }
        Analyses an = (analyses == null ? Analyses.defaults() : analyses).resolved();
        if (an.lambdas() < 3 || an.lambdas() > 1001 || an.lambdas() % 2 == 0) {
            throw new UserInputException(where + "analyses.lambdas must be odd and in 3..1001 (λ = 0.5 is "
                    + "the merged model)");
        }
        if (an.alignmentK() < 0 || an.hiddenInputK() < 0 || an.hiddenInputSamples() < 1) {
            throw new UserInputException(where + "analyses: k values must be ≥ 0 and samples ≥ 1");
        }
        an.largeSingularValues().check(where);
        List<List<Long>> pairList = seedTuples(pairs, 2, "pairs", where, true);
        seedTuples(triples, 3, "triples", where, false);
        for (List<Long> t : pairList) {
            for (long s : t) {
                if (!seeds.contains(s)) {
                    throw new UserInputException(where + "pairs: seed " + s + " is not in seeds " + seeds);
                }
            }
        }
        return new StudyPlan(name == null ? "study" : name, output, data, List.copyOf(architectures),
                List.copyOf(seeds), pairs, triples, List.copyOf(methods),
                matchingSeeds == null || matchingSeeds.isEmpty() ? List.of(0L) : List.copyOf(matchingSeeds), an,
                tests == null ? Tests.defaults() : tests, slurm == null ? SlurmSpec.defaults() : merged(slurm));
    }

    private static SlurmSpec merged(SlurmSpec s) {
        SlurmSpec d = SlurmSpec.defaults();
        return new SlurmSpec(s.cpusPerTask() == null ? d.cpusPerTask() : s.cpusPerTask(),
                s.mem() == null ? d.mem() : s.mem(), s.time() == null ? d.time() : s.time(), s.partition(),
                s.batch() == null ? d.batch() : s.batch(), s.maxRunning());
    }

    /** The seed pairs of the plan, in order. */
    public List<List<Long>> pairSeeds() {
        return seedTuples(pairs, 2, "pairs", "", true);
    }

    /** The seed triples of the plan, in order (empty when none). */
    public List<List<Long>> tripleSeeds() {
        return seedTuples(triples, 3, "triples", "", false);
    }

    private List<List<Long>> seedTuples(JsonNode node, int size, String field, String where, boolean defaultAll) {
        if (node == null || node.isNull()) {
            return defaultAll ? combinations(size) : List.of();
        }
        if (node.isTextual()) {
            return switch (node.asText()) {
                case "all" -> combinations(size);
                case "none" -> List.of();
                default -> throw new UserInputException(where + field + ": expected all, none or a list of "
                        + size + "-seed lists, got " + node.asText());
            };
        }
        if (!node.isArray()) {
            throw new UserInputException(where + field + ": expected all, none or a list");
        }
        List<List<Long>> out = new ArrayList<>();
        for (JsonNode t : node) {
            if (!t.isArray() || t.size() != size) {
                throw new UserInputException(where + field + ": each entry must list " + size + " seeds");
            }
            List<Long> tuple = new ArrayList<>();
            t.forEach(s -> tuple.add(s.asLong()));
            if (tuple.stream().distinct().count() != size) {
                throw new UserInputException(where + field + ": " + tuple + " repeats a seed");
            }
            out.add(List.copyOf(tuple));
        }
        return out;
    }

    private List<List<Long>> combinations(int size) {
        List<List<Long>> out = new ArrayList<>();
        combine(size, 0, new ArrayList<>(), out);
        return out;
    }

    private void combine(int size, int from, List<Long> prefix, List<List<Long>> out) {
        if (prefix.size() == size) {
            out.add(List.copyOf(prefix));
            return;
        }
        for (int i = from; i < seeds.size(); i++) {
            prefix.add(seeds.get(i));
            combine(size, i + 1, prefix, out);
            prefix.remove(prefix.size() - 1);
        }
    }

    /** The study folder for a plan read from {@code planFile}. */
    public Path outputDir(Path planFile) {
        Path base = planFile.toAbsolutePath().getParent();
        if (output != null) {
            return base.resolve(output).normalize();
        }
        String stem = planFile.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        return base.resolve(stem + "-study");
    }

    /** The plan as canonical JSON (for keys and for {@code plan.json} in the study folder). */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
