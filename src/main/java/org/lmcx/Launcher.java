package org.lmcx;

import org.lmcx.cli.Cli;

/**
 * The jar's entry point. Deliberately not a JavaFX {@code Application}: a fat jar whose main class extends
 * Application fails at start ("JavaFX runtime components are missing"), and the CLI must run without a display.
 * No arguments or {@code gui} opens the desktop app; anything else is an {@code lmcx} command.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        // Before anything reads a file: no Java deserialization anywhere in the process (see SerialFilter).
        org.lmcx.io.SerialFilter.install();
        // First, before anything loads ND4J: picks the oneDNN libnd4j build on AVX2 CPUs.
        org.lmcx.nn.NativePlatform.select();
        String nativeProblem = org.lmcx.nn.NativePlatform.installedBuildProblem();
        if (nativeProblem != null) {
            System.err.println("lmcx: " + nativeProblem);
            System.exit(2);
        }
        if (args.length == 0 || args[0].equals("gui")) {
            String[] files = args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length);
            org.lmcx.app.LmcxApp.launchGui(files);
            // JavaFX has returned from launch (window closed); compute threads are daemons, ND4J's are not all.
            System.exit(0);
        }
        System.exit(Cli.run(args));
    }
}
