package org.lmcx.study;

import org.lmcx.task.Monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small real study for engine tests: MLPs of widths 16 and 24 (one hidden layer) trained for one epoch on
 * 600 images of the bundled demo subset by the plan's own training settings, two seeds, identity and WM.
 */
final class TinyStudy {

    static final Path DATA = Path.of("assets/demo/data").toAbsolutePath();

    private TinyStudy() {
    }

    /** Writes {@code dir/<name>.yaml} whose models live in {@code models}, trains them if missing. */
    static Path plan(Path dir, String name, Path models, String methods) throws IOException {
        String yaml = """
                name: tiny
                output: %s-study
                data: {dir: %s, train: 300, test: 300}
                architectures:
                  - name: mlp
                    family: mlp
                    input: [1, 28, 28]
                    classes: 10
                    depth: 1
                    widths: [16, 24]
                    models: %s/mlp_w{width}_s{seed}.safetensors
                    train: {data: %s, trainSize: 600, epochs: 1, batchSize: 100, lr: 0.003}
                seeds: [0, 1]
                pairs: all
                triples: none
                methods: %s
                analyses: {lambdas: 5, alignmentK: 4, hiddenInputK: 4, hiddenInputSamples: 100, taylor: true}
                """.formatted(name, DATA, models.toAbsolutePath(), DATA, methods);
        Path plan = dir.resolve(name + ".yaml");
        Files.writeString(plan, yaml);
        ModelTraining.trainMissing(plan, StudyPlan.read(plan), Monitor.NONE);
        return plan;
    }
}
