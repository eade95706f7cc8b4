package org.lmcx.io;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the bundled demo ({@code assets/demo}: three MLP checkpoints and Fashion-MNIST subsets), whether the
 * app runs from a source checkout, from {@code target/lmcx.jar} or from an installed app image.
 */
public final class DemoAssets {

    /** Checkpoints of the demo, seeds 0, 1, 2. */
    public static final List<String> MODELS = List.of("mlp_s0.safetensors", "mlp_s1.safetensors",
            "mlp_s2.safetensors");

    /** The demo's runs made ahead of time ({@code lmcx demo --session}), shown on the app's first launch. */
    public static final String SHIPPED_SESSION = "demo.lmcx.json";

    private DemoAssets() {
    }

    /** The demo folder, or an exception that says where it was looked for. */
    public static Path demoDir() {
        List<Path> tried = new ArrayList<>();
        String prop = System.getProperty("lmcx.assets");
        if (prop != null) {
            tried.add(Path.of(prop).resolve("demo"));
        }
        tried.add(Path.of("assets", "demo"));
        try {
            Path jar = Path.of(DemoAssets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = jar.getParent();
            for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
                tried.add(dir.resolve("assets").resolve("demo"));
                tried.add(dir.resolve("lib").resolve("app").resolve("assets").resolve("demo"));
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source (unusual class loader): the other locations still apply
        }
        for (Path p : tried) {
            if (Files.isRegularFile(p.resolve(MODELS.get(0)))) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalArgumentException("bundled demo not found (looked in " + tried
                + "); run from the project folder or set -Dlmcx.assets=DIR");
    }

    public static Path model(int seed) {
        return demoDir().resolve(MODELS.get(seed));
    }

    public static Path dataDir() {
        return demoDir().resolve("data");
    }
}
