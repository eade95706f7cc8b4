package org.lmcx.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Chooses which libnd4j build JavaCPP loads: the oneDNN one ({@code linux-x86_64-onednn-avx2}, whose conv2d,
 * pooling and batchnorm ops run 6× faster than the plain build's on CPU) where the CPU has AVX2, the plain one
 * otherwise. JavaCPP reads {@value #PROPERTY} once, when ND4J's native library is first loaded, so
 * {@link #select()} must run before any ND4J class initializes: {@code Launcher.main} calls it first, and
 * {@link Network}'s static initializer calls it for code (tests, embedders) that reaches ND4J through us.
 *
 * <p>Left alone: an extension the user set ({@code -D}{@value #PROPERTY}), {@code -Dlmcx.onednn=false}, a
 * classpath without the oneDNN natives, the CUDA backend, and non-Linux/x86-64 platforms.
 *
 * <p>An installed app image carries ONE build, unpacked on {@code java.library.path}, and a jar without natives
 * (installer/build.sh); its launcher names the build in {@value #INSTALLED_PROPERTY}. Then there is nothing to
 * choose, only to check: the oneDNN build on a CPU without AVX2 would die of an illegal instruction inside
 * libnd4j, so {@link #installedBuildProblem()} says so in words first.
 */
public final class NativePlatform {

    static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";
    static final String ONEDNN = "-onednn-avx2";
    static final String INSTALLED_PROPERTY = "lmcx.nativeBuild";
    private static final String INSTALLED_ONEDNN = "onednn-avx2";
    private static final String ONEDNN_NATIVES =
            "/org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn-avx2/libjnind4jcpu.so";
    private static final String CUDA_BACKEND = "/org/nd4j/linalg/jcublas/JCublasBackend.class";

    private static volatile String decision;

    private NativePlatform() {
    }

    /** Sets the JavaCPP platform extension if appropriate; idempotent. Returns the reason, for logs and bench. */
    public static synchronized String select() {
        if (decision == null) {
            decision = decide();
        }
        return decision;
    }

    /** Whether ND4J was (or will be) loaded from the oneDNN build. */
    public static boolean oneDnn() {
        select();
        return ONEDNN.equals(System.getProperty(PROPERTY));
    }

    /**
     * Whether the libnd4j actually loaded has oneDNN (its build info says HAVE_ONEDNN). Differs from
     * {@link #oneDnn()} when ND4J was loaded before {@link #select()} ran. Initializes ND4J.
     */
    public static boolean loadedOneDnn() {
        org.nd4j.linalg.factory.Nd4j.getBackend();
        return org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo()
                .contains("HAVE_ONEDNN");
    }

    /**
     * Why the installed native build cannot run on this CPU, or null if it can (or this is not an installed
     * image). The launcher prints it and exits before ND4J loads.
     */
    public static String installedBuildProblem() {
        return installedBuildProblem(System.getProperty(INSTALLED_PROPERTY), Path.of("/proc/cpuinfo"));
    }

    static String installedBuildProblem(String installedBuild, Path cpuinfo) {
        if (INSTALLED_ONEDNN.equals(installedBuild) && !hasAvx2(cpuinfo)) {
            return "this installation carries ND4J's AVX2 build (oneDNN) and this CPU has no AVX2; "
                    + "install the package built with installer/build.sh --cpu x86-64";
        }
        return null;
    }

    private static String decide() {
        String given = System.getProperty(PROPERTY);
        if (given != null) {
            return "platform extension \"" + given + "\" set by the user";
        }
        String installed = System.getProperty(INSTALLED_PROPERTY);
        if (installed != null) {
            // The libraries are found by name on java.library.path; no extension is needed or possible.
            return (INSTALLED_ONEDNN.equals(installed) ? "oneDNN build (AVX2)" : "plain build")
                    + ", installed with the app";
        }
        if (!Boolean.parseBoolean(System.getProperty("lmcx.onednn", "true"))) {
            return "plain build (-Dlmcx.onednn=false)";
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return "plain build (oneDNN natives are for linux-x86_64 only)";
        }
        if (NativePlatform.class.getResource(CUDA_BACKEND) != null) {
            return "CUDA backend on the classpath";
        }
        if (NativePlatform.class.getResource(ONEDNN_NATIVES) == null) {
            return "plain build (oneDNN natives not on the classpath)";
        }
        if (!hasAvx2(Path.of("/proc/cpuinfo"))) {
            return "plain build (CPU without AVX2)";
        }
        System.setProperty(PROPERTY, ONEDNN);
        return "oneDNN build (AVX2)";
    }

    /** True if every processor's flags line lists avx2 (a heterogeneous machine could schedule us anywhere). */
    static boolean hasAvx2(Path cpuinfo) {
        try {
            return hasAvx2(Files.readString(cpuinfo));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static boolean hasAvx2(String cpuinfo) {
        boolean any = false;
        for (String line : cpuinfo.split("\n", -1)) {
            if (line.startsWith("flags")) {
                int colon = line.indexOf(':');
                String flags = " " + (colon < 0 ? "" : line.substring(colon + 1).trim()) + " ";
                if (!flags.contains(" avx2 ")) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }
}
