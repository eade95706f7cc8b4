package org.lmcx;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Locates shared test inputs: the PyTorch fixtures in {@code ../shared/fixtures} and Fashion-MNIST. */
public final class Fixtures {

    private Fixtures() {
    }

    /** {@code ../shared/fixtures}, as every developer and CI has it beside the project. */
    public static Path sharedDir() {
        Path p = Path.of(System.getProperty("lmcx.shared", "../shared")).resolve("fixtures").toAbsolutePath()
                .normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("shared fixtures not found at " + p + " (set -Dlmcx.shared=DIR)");
        }
        return p;
    }

    public static Path shared(String name) {
        return sharedDir().resolve(name);
    }

    /** Debian's dataset-fashion-mnist install; .ci/run installs the package. */
    public static Path fashionMnistDir() {
        return Path.of(System.getProperty("lmcx.fashion", "/usr/share/datasets/fashion-mnist"));
    }

    /**
     * Skips a test on a developer machine without the Fashion-MNIST package, but fails it in CI (which installs
     * the package), so the PyTorch-parity tests can never silently stop running there.
     */
    public static Path requireFashionMnist() {
        Path d = fashionMnistDir();
        boolean present = Files.exists(d.resolve("t10k-images-idx3-ubyte.gz"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("Fashion-MNIST missing at " + d + " (apt-get install dataset-fashion-mnist)");
        }
        assumeTrue(present, "Fashion-MNIST not installed at " + d + " (apt-get install dataset-fashion-mnist)");
        return d;
    }
}
