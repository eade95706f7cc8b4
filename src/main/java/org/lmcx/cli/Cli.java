package org.lmcx.cli;

import org.lmcx.model.MemoryBudget;
import org.lmcx.model.UserInputException;
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
                TaylorCommand.class, LandscapeCommand.class, TrainCommand.class, DemoCommand.class, StudyCommand.class,
                ConvertCommand.class, SubsetCommand.class, ExportCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Cli implements Runnable {

    /** Exit code for a user error (bad file, bad option): one line on stderr, no stack trace. */
    public static final int USER_ERROR = 2;

    /** Exit code for a bug or an unexpected failure: "internal error" and a hint to report it. */
    public static final int INTERNAL_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Global: the memory budget every size from a file or flag is checked against before allocating. */
    @CommandLine.Option(names = "--max-memory", paramLabel = "SIZE", scope = CommandLine.ScopeType.INHERIT,
            description = "memory limit for inputs, e.g. 8g or 512m (default: 80%% of the JVM heap, -Xmx)")
    void setMaxMemory(String size) {
        MemoryBudget.parseSize(size, "--max-memory");
        System.setProperty(MemoryBudget.PROPERTY, size);
    }

    /** Global: stack traces for internal errors. */
    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "print the stack trace of an internal error")
    void setDebug(boolean on) {
        if (on) {
            System.setProperty("lmcx.debug", "true");
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static int run(String[] args) {
        // The console's encoding, the one System.err itself writes in.
        return run(args, new java.io.PrintWriter(
                new java.io.OutputStreamWriter(System.err, java.nio.charset.Charset.defaultCharset()), true));
    }

    /**
     * Runs a command with user-error lines (and picocli's usage errors) going to {@code err}. Exit codes: 0 done,
     * 2 a user error (one line naming the file or flag and the problem), 1 an internal error (one line and a
     * hint to report it; the stack trace only with {@code --debug}), 130 cancelled.
     */
    public static int run(String[] args, java.io.PrintWriter err) {
        CommandLine cl = new CommandLine(new Cli());
        // Every subcommand gets --help/--version without repeating the attribute on each class.
        cl.getSubcommands().values().forEach(sub -> sub.getCommandSpec().mixinStandardHelpOptions(true));
        // Commands that take -O list every method's options, generated from the methods' declarations.
        cl.getSubcommands().values().stream().filter(sub -> sub.getCommandSpec().findOption("-O") != null)
                .forEach(MethodHelp::addTo);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, commandLine.getErr()));
        cl.setExecutionStrategy(parseResult -> {
            try {
                checkPaths(parseResult);
            } catch (UserInputException e) {
                return report(e, cl.getErr());
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError oom) {
            return report(oom, err);
        }
    }

    /** Options that name what a command writes; {@code export --session} is its input. */
    private static final java.util.Set<String> OUTPUTS = java.util.Set.of("--out", "--session", "--export",
            "--save-permuted");

    /**
     * Before any work: every path given is checked. An input that is a FIFO, device or socket is refused (opening
     * a FIFO blocks forever); an output must be writable, so an hour of computation is not lost to a typo.
     */
    static void checkPaths(CommandLine.ParseResult top) {
        CommandLine.ParseResult pr = top;
        while (pr.hasSubcommand()) {
            pr = pr.subcommand();
        }
        String command = pr.commandSpec().name();
        java.util.List<CommandLine.Model.ArgSpec> args = new java.util.ArrayList<>(pr.matchedArgs());
        for (CommandLine.Model.ArgSpec a : args) {
            Object v = a.getValue();
            if (!(v instanceof java.nio.file.Path path)) {
                continue;
            }
            String flag = a.isOption() ? ((CommandLine.Model.OptionSpec) a).longestName() : a.paramLabel();
            boolean output = a.isOption() && OUTPUTS.contains(flag) && !(command.equals("export")
                    && flag.equals("--session"));
            if (output) {
                boolean folder = "DIR".equals(a.paramLabel());
                org.lmcx.io.AtomicFiles.requireWritable(path, folder, flag);
            } else if (java.nio.file.Files.exists(path) && !java.nio.file.Files.isRegularFile(path)
                    && !java.nio.file.Files.isDirectory(path)) {
                throw new UserInputException(flag + " " + path + ": is not a regular file (a FIFO, device or socket)");
            }
        }
    }

    /** Prints the one line for {@code ex} and returns the exit code. */
    static int report(Throwable ex, java.io.PrintWriter err) {
        String msg = userMessage(ex);
        if (msg != null) {
            err.println("lmcx: " + msg);
            return root(ex) instanceof CancelledException ? 130 : USER_ERROR;
        }
        Throwable e = root(ex);
        if (e instanceof OutOfMemoryError) {
            err.println("lmcx: out of memory (" + e.getMessage() + "); the input passed the --max-memory check "
                    + "(limit " + MemoryBudget.limitBytes() / (1 << 20) + " MB) but needed more: please report it, or "
                    + "give the JVM more (java -Xmx…)");
            return INTERNAL_ERROR;
        }
        err.println("lmcx: internal error: " + e);
        if (Boolean.getBoolean("lmcx.debug")) {
            ex.printStackTrace(err);
        } else {
            err.println("(this is a bug in LMC Explorer: please report it with the output of the same command "
                    + "run with --debug)");
        }
        return INTERNAL_ERROR;
    }

    private static Throwable root(Throwable ex) {
        Throwable e = ex;
        while ((e instanceof UncheckedIOException || e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** The one-line message for an error the user can fix, or null for a bug. */
    static String userMessage(Throwable ex) {
        Throwable e = root(ex);
        if (e instanceof UserInputException || e instanceof CommandLine.ParameterException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException nf) {
            return nf.getFile() + ": no such file";
        }
        if (e instanceof java.nio.file.FileSystemException fs) {
            // AccessDenied, NotDirectory, FileAlreadyExists, …: the path and the reason, not the class name.
            String why = fs.getReason() != null ? fs.getReason()
                    : fs.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                    .toLowerCase(java.util.Locale.ROOT);
            return fs.getFile() + (fs.getOtherFile() != null ? " → " + fs.getOtherFile() : "") + ": " + why;
        }
        if (e instanceof IOException io) {
            return io.getMessage() == null ? io.toString() : io.getMessage();
        }
        if (e instanceof CancelledException) {
            return "cancelled";
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
