package org.lmcx.cli;

import org.lmcx.match.Matcher;
import org.lmcx.match.Matchers;
import org.lmcx.match.MethodOption;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

/**
 * The method options as {@code --help} shows them and the README's table lists them, generated from each
 * method's {@link Matcher#options()} (a test checks the README against {@link #readmeCells()}).
 */
final class MethodHelp {

    private MethodHelp() {
    }

    private static final String SECTION = "methodOptions";

    /** Adds the method-option section before the footer of {@code command}'s usage help. */
    static void addTo(CommandLine command) {
        command.getHelpSectionMap().put(SECTION, MethodHelp::render);
        List<String> keys = new ArrayList<>(command.getHelpSectionKeys());
        keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), SECTION);
        command.setHelpSectionKeys(keys);
    }

    private static String render(CommandLine.Help help) {
        CommandLine.Help.Column[] cols = {
                new CommandLine.Help.Column(22, 4, CommandLine.Help.Column.Overflow.SPAN),
                new CommandLine.Help.Column(help.commandSpec().usageMessage().width() - 22, 1,
                        CommandLine.Help.Column.Overflow.WRAP)};
        CommandLine.Help.TextTable t = CommandLine.Help.TextTable.forColumns(help.colorScheme(), cols);
        for (String name : Matchers.names()) {
            List<MethodOption<?>> opts = Matchers.get(name).options();
            t.addRowValues(name + ":", opts.isEmpty() ? "no options" : "");
            for (MethodOption<?> o : opts) {
                t.addRowValues("  " + o.name(), o.help() + " (default " + o.defaultText() + "; " + o.rule() + ")");
            }
        }
        return String.format("%nMethod options (-O key=value; with several methods, -O method.key=value for one"
                + " of them):%n") + t;
    }

    /** Per method name, its options as the README's table cell writes them. */
    static java.util.Map<String, String> readmeCells() {
        java.util.Map<String, String> rows = new java.util.LinkedHashMap<>();
        for (String name : Matchers.names()) {
            List<String> cells = new ArrayList<>();
            for (MethodOption<?> o : Matchers.get(name).options()) {
                cells.add("`" + o.name() + "` (" + readmeDefault(o) + ")");
            }
            rows.put(name, cells.isEmpty() ? "—" : String.join(", ", cells));
        }
        return rows;
    }

    /** A choice lists its values (default first), a derived default says from what, else the default. */
    private static String readmeDefault(MethodOption<?> o) {
        if (o.rule().contains("|")) {
            return "`" + o.rule().replace("|", "`\\|`") + "`";
        }
        return o.defaultValue() == null ? "= " + o.defaultText() : o.defaultText();
    }
}
