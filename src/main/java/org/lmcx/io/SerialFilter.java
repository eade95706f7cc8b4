package org.lmcx.io;

import java.io.ObjectInputFilter;

/**
 * The process-wide Java deserialization filter (JEP 290): rejects every class, array and reference, so any
 * {@link java.io.ObjectInputStream} in the process (a library's, or a future code path's) fails at the first
 * object instead of rebuilding attacker-chosen object graphs (URLDNS lookups, HashSet bombs, gadget chains).
 * LMC Explorer itself never deserializes: DL4J zips, PyTorch pickles and sessions are parsed by our own code.
 * A second wall, installed first thing at start-up by {@link org.lmcx.Launcher}.
 */
public final class SerialFilter {

    /** The filter: nothing is allowed. */
    public static final ObjectInputFilter REJECT_ALL = info -> ObjectInputFilter.Status.REJECTED;

    private SerialFilter() {
    }

    /**
     * Installs {@link #REJECT_ALL} as the JVM-wide filter. Idempotent; if another filter was installed first
     * (for instance with {@code -Djdk.serialFilter}) that one stays, as the JDK allows only one.
     */
    public static synchronized void install() {
        if (!isInstalled()) {
            try {
                ObjectInputFilter.Config.setSerialFilter(REJECT_ALL);
            } catch (IllegalStateException alreadySet) {
                // -Djdk.serialFilter or an earlier caller set one: the JDK keeps it; nothing to do.
            }
        }
    }

    public static boolean isInstalled() {
        return ObjectInputFilter.Config.getSerialFilter() == REJECT_ALL;
    }
}
