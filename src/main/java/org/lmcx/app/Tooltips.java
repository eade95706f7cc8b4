package org.lmcx.app;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

import java.util.List;
import java.util.Map;

/**
 * Tooltips for the main window's controls, by node id: what each does and its default. Kept in one table
 * rather than spread over the view code; method options quote the method's own advertised defaults, so the
 * tooltip cannot drift from the method.
 */
final class Tooltips {

    static final Map<String, String> BY_ID = Map.ofEntries(
            Map.entry("open-A", "Open the reference model A (safetensors, PyTorch .pt/.pth/.bin, DL4J zip); Ctrl+1"),
            Map.entry("open-B", "Open model B, the one that gets permuted onto A; Ctrl+2"),
            Map.entry("open-C", "Optional model C: B and C are both matched to A (three-model barriers and plane); Ctrl+3"),
            Map.entry("data-dir", "Dataset folder: IDX files (MNIST, Fashion-MNIST, KMNIST) or CIFAR-10 binary batches"),
            Map.entry("train-size", "Training examples used by data-based matching (AM, STE) and the train curve;"
                    + " 0 = no train curve"),
            Map.entry("test-size", "Test examples for the test curve and the landscape"),
            Map.entry("lambda-points", "Points along λ ∈ [0, 1] where loss and accuracy are evaluated"),
            Map.entry("seed", "Seed of matching (random restarts, Sinkhorn noise, STE batches) and random subsets"),
            Map.entry("run", "Run every ticked method on A and B (and C): one job per method, results cached."
                    + " Enter runs only while this button has focus"),
            Map.entry("lambda-slider", "λ of θ(λ) = (1−λ)·θa + λ·π(θb): moves every marker, θ(λ) on the landscape and"
                    + " the merged model's spectrum; the readout evaluates the merged model"),
            Map.entry("preview-method", "Which method's π(B) the slider, readout, spectra and landscape use"),
            Map.entry("jobs", "Running and finished jobs, newest on top; Cancel stops a running job"));

    private Tooltips() {
    }

    /** Sets the tooltip of every control under {@code root} whose id is known (ids set by the views). */
    static void install(Parent root, List<MethodConfig> methods) {
        for (Map.Entry<String, String> e : BY_ID.entrySet()) {
            set(root.lookup("#" + e.getKey()), e.getValue());
        }
        for (MethodConfig m : methods) {
            set(root.lookup("#method-" + m.name()), methodText(m.name()));
            set(root.lookup("#options-" + m.name()), optionsText(m.name()));
        }
    }

    private static void set(Node n, String text) {
        if (n instanceof Control c && c.getTooltip() == null) {
            Tooltip t = new Tooltip(text);
            t.setWrapText(true);
            t.setMaxWidth(460);
            t.setShowDuration(Duration.seconds(20));
            c.setTooltip(t);
        }
    }

    /** The method's own description (the method declares it, as it declares its options). */
    static String methodText(String method) {
        return org.lmcx.match.Matchers.has(method) ? org.lmcx.match.Matchers.get(method).description()
                : "Matching method " + method;
    }

    /** Each option as {@code lmcx COMMAND --help} shows it: what it does, its default and its rule. */
    static String optionsText(String method) {
        List<org.lmcx.match.MethodOption<?>> options = org.lmcx.match.Matchers.has(method)
                ? org.lmcx.match.Matchers.get(method).options() : List.of();
        if (options.isEmpty()) {
            return "This method has no options";
        }
        StringBuilder sb = new StringBuilder("key=value, comma-separated:\n");
        for (org.lmcx.match.MethodOption<?> o : options) {
            sb.append("• ").append(o.name()).append(": ").append(o.help()).append(" (default ").append(o.defaultText())
                    .append("; ").append(o.rule()).append(")\n");
        }
        return sb.toString().trim();
    }
}
