package org.lmcx.app;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A matching method as the Methods panel offers it: ticked or not, and its options as editable
 * {@code key=value, key=value} text (the same names the CLI's {@code --opt} takes), pre-filled with the
 * method's defaults.
 */
public final class MethodConfig {

    /** The method's own advertised defaults as option text, so the panel can never disagree with the method. */
    static String defaultsText(String method) {
        if (!org.lmcx.match.Matchers.has(method)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        org.lmcx.match.Matchers.get(method).defaultOptions().forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }

    private final String name;
    private final BooleanProperty enabled = new SimpleBooleanProperty();
    private final StringProperty options = new SimpleStringProperty();

    MethodConfig(String name, boolean enabled) {
        this.name = name;
        this.enabled.set(enabled);
        this.options.set(defaultsText(name));
    }

    public String name() {
        return name;
    }

    public String title() {
        return org.lmcx.match.Matchers.has(name) ? org.lmcx.match.Matchers.get(name).title() : name;
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public StringProperty optionsProperty() {
        return options;
    }

    /** @throws IllegalArgumentException naming the method and the bad entry */
    public Map<String, String> parsedOptions() {
        return parse(name, options.get());
    }

    static Map<String, String> parse(String method, String text) {
        Map<String, String> m = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return m;
        }
        for (String part : text.split("[,;\\n]", -1)) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(method + ": option \"" + p + "\" is not key=value");
            }
            m.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
        }
        return m;
    }

    static String format(Map<String, String> options) {
        StringBuilder sb = new StringBuilder();
        options.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }
}
