package org.lmcx.session;

/** The program's version as a run records it: the jar's Implementation-Version, or "dev" from a build tree. */
public final class ProgramVersion {

    private ProgramVersion() {
    }

    public static String current() {
        String v = ProgramVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
