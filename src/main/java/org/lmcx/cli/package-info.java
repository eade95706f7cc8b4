/**
 * The {@code lmcx} command line (picocli): one subcommand per analysis, driving the same core as the GUI.
 * User errors end in one line on stderr naming the file and the problem, and exit code 2.
 */
package org.lmcx.cli;
