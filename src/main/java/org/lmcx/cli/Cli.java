package org.lmcx.cli;

import org.lmcx.model.InvalidModelException;
import org.lmcx.task.CancelledException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * {@code lmcx}: every analysis headless. Each subcommand drives the same core the GUI does and prints a
 * short table on stdout, progress on stderr, and writes documented JSON with {@code --out}.
 */
@Command(name = "lmcx", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "LMC Explorer: linear mode connectivity and permutation matching of neural networks.",
        subcommands = {InfoCommand.class, CheckSpecCommand.class, MatchCommand.class, InterpolateCommand.class,
                AnalyzeCommand.class, SpectraCommand.class, AlignCommand.class, ThreeCommand.class,
                TaylorCommand.class, LandscapeCommand.class, TrainCommand.class, DemoCommand.class,
                ConvertCommand.class, SubsetCommand.class, ExportCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Cli implements Runnable {

    /** Exit code for a user error (bad file, bad option): one line on stderr, no stack trace. */
    public static final int USER_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static int run(String[] args) {
        return run(args, new java.io.PrintWriter(System.err, true));
    }

    /** Runs a command with user-error lines (and picocli's usage errors) going to {@code err}. */
    public static int run(String[] args, java.io.PrintWriter err) {
        CommandLine cl = new CommandLine(new Cli());
        // Every subcommand gets --help/--version without repeating the attribute on each class.
        cl.getSubcommands().values().forEach(sub -> sub.getCommandSpec().mixinStandardHelpOptions(true));
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String msg = userMessage(ex);
            if (msg == null) {
                commandLine.getErr().println("lmcx: internal error: " + ex);
                if (Boolean.getBoolean("lmcx.debug")) {
                    ex.printStackTrace(commandLine.getErr());
                } else {
                    commandLine.getErr().println("(run with -Dlmcx.debug=true for the stack trace)");
                }
                return 1;
            }
            commandLine.getErr().println("lmcx: " + msg);
            return ex instanceof CancelledException ? 130 : USER_ERROR;
        });
        return cl.execute(args);
    }

    /** The one-line message for an error the user can fix, or null for a bug. */
    static String userMessage(Throwable ex) {
        Throwable e = ex;
        while ((e instanceof UncheckedIOException || e instanceof java.util.concurrent.CompletionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof InvalidModelException || e instanceof IllegalArgumentException
                || e instanceof CommandLine.ParameterException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException nf) {
            return nf.getFile() + ": no such file";
        }
        if (e instanceof IOException io) {
            return io.getMessage() == null ? io.toString() : io.getMessage();
        }
        if (e instanceof CancelledException) {
            return "cancelled";
        }
        if (e.getClass().getName().endsWith("DatasetException")) {
            return e.getMessage();
        }
        return null;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cli.class.getPackage().getImplementationVersion();
            return new String[]{"lmcx " + (v == null ? "dev" : v), "backend: " + org.lmcx.nn.BackendInfo.describe()};
        }
    }
}
