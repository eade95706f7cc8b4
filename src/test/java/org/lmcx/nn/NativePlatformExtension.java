package org.lmcx.nn;

import org.junit.jupiter.api.extension.Extension;

/**
 * Registered through the service loader (junit-platform.properties enables autodetection): JUnit instantiates
 * it before running any test, which is the last moment to pick the libnd4j build — the first test that
 * touches ND4J loads it for the whole JVM.
 */
public final class NativePlatformExtension implements Extension {

    static {
        NativePlatform.select();
    }
}
