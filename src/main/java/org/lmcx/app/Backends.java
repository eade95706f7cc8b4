package org.lmcx.app;

import org.nd4j.linalg.factory.Nd4j;

import java.util.Properties;

/** The ND4J backend in words for the status bar, e.g. "ND4J CPU (OpenBLAS, 8 cores)". Compute thread only. */
final class Backends {

    private Backends() {
    }

    static String describe() {
        String name = Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "");
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String kind = name.toLowerCase(java.util.Locale.ROOT).contains("cuda") ? "CUDA" : "CPU";
        StringBuilder sb = new StringBuilder("ND4J ").append(kind).append(" (").append(name);
        Object blas = env.get("blas.vendor");
        if (blas != null) {
            sb.append(", BLAS ").append(blas);
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
