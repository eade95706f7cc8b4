package org.lmcx.nn;

import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;
import java.util.Properties;

/**
 * The ND4J backend in words, e.g. {@code "ND4J CPU (Cpu, BLAS OPENBLAS, oneDNN, 8 cores)"}: the status bar,
 * {@code lmcx --version}, {@code info --out} and {@code bench} all show this one line. Initializes ND4J, so the
 * GUI calls it on a compute thread.
 */
public final class BackendInfo {

    private BackendInfo() {
    }

    public static String describe() {
        String name = Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "");
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String kind = name.toLowerCase(Locale.ROOT).contains("cuda") ? "CUDA" : "CPU";
        StringBuilder sb = new StringBuilder("ND4J ").append(kind).append(" (").append(name);
        Object blas = env.get("blas.vendor");
        if (blas != null) {
            sb.append(", BLAS ").append(blas);
        }
        if (NativePlatform.loadedOneDnn()) {
            sb.append(", oneDNN");
        }
        Object devices = env.get("cuda.devicesInformation");
        if (devices != null) {
            sb.append(", ").append(devices);
        }
        Object cores = env.get("cores");
        if (cores != null) {
            sb.append(", ").append(cores).append(" cores");
        }
        return sb.append(')').toString();
    }
}
