package org.lmcx.cli;

import org.nd4j.linalg.factory.Nd4j;

import java.util.Properties;

/** One line naming the ND4J backend in use (CPU/CUDA and BLAS or device), for `--version`, info and bench. */
public final class Backend {

    private Backend() {
    }

    public static String describe() {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String blas = String.valueOf(env.getOrDefault("blas.vendor", "?"));
        String cores = String.valueOf(env.getOrDefault("cores", Runtime.getRuntime().availableProcessors()));
        return backend.replace("Backend", "").toUpperCase() + " (" + blas + ", " + cores + " cores)";
    }
}
