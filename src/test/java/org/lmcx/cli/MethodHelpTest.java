package org.lmcx.cli;

import org.junit.jupiter.api.Test;
import org.lmcx.match.Matchers;
import org.lmcx.match.MethodOption;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's method-option table and every {@code -O} command's {@code --help} say what the methods declare. */
class MethodHelpTest {

    /** Method name → options cell of the README's method table. */
    static Map<String, String> readmeTable() throws Exception {
        Map<String, String> cells = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            for (String m : Matchers.names()) {
                if (line.startsWith("| `" + m + "` |")) {
                    String body = line.substring(0, line.length() - 2);
                    cells.put(m, body.substring(body.lastIndexOf(" | ") + 3));
                }
            }
        }
        return cells;
    }

    @Test
    void readmeTableListsExactlyTheDeclaredOptions() throws Exception {
        assertThat(readmeTable()).as("README method table (generated cells: MethodHelp.readmeCells())")
                .containsExactlyEntriesOf(MethodHelp.readmeCells());
    }

    @Test
    void helpOfEveryCommandTakingOptionsListsEveryOption() {
        for (String command : new String[]{"match", "analyze", "three", "spectra", "align", "taylor"}) {
            // picocli wraps long rows, so compare without whitespace
            String help = helpOf(command).replaceAll("\\s+", "");
            for (String m : Matchers.names()) {
                assertThat(help).as(command + " --help").contains(m + ":");
                for (MethodOption<?> o : Matchers.get(m).options()) {
                    assertThat(help).as(command + " --help, " + m).contains((o.name() + o.help() + "(default"
                            + o.defaultText() + ";" + o.rule() + ")").replaceAll("\\s+", ""));
                }
            }
        }
    }

    @Test
    void everyHelpTextFormatsWithoutPicocliWarnings() {
        // picocli formats every description with String.format: a bare '%' ("80% of the heap") makes it print
        // "[picocli WARN] Could not format ..." on stderr above the help of every command that has the option
        java.util.List<String> commands = new java.util.ArrayList<>();
        commands.add(null);
        commands.addAll(new picocli.CommandLine(new Cli()).getSubcommands().keySet());
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (String command : commands) {
                helpOf(command);
            }
        } finally {
            System.setErr(saved);
        }
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).as("stderr of every --help")
                .doesNotContain("picocli WARN");
    }

    @Test
    void analyzeTakesMethodListsUnderBothSpellings() {
        AnalyzeCommand now = parse("--method", "wm,ste");
        AnalyzeCommand old = parse("--methods", "wm,ste");
        assertThat(now.methods).containsExactly("wm", "ste");
        assertThat(old.methods).containsExactly("wm", "ste");
        assertThat(helpOf("analyze")).contains("--method").doesNotContain("--methods");
    }

    private static AnalyzeCommand parse(String flag, String value) {
        AnalyzeCommand cmd = new AnalyzeCommand();
        new picocli.CommandLine(cmd).parseArgs("--a", "a.safetensors", "--b", "b.safetensors", flag, value);
        return cmd;
    }

    /** The usage text of a subcommand as {@code lmcx COMMAND --help} prints it. */
    private static String helpOf(String command) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            Cli.run(command == null ? new String[]{"--help"} : new String[]{command, "--help"},
                    new PrintWriter(new StringWriter()));
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
