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

    /** What each option of each method does; the default is appended from the method itself. */
    static final Map<String, String> OPTION_DOCS = Map.ofEntries(
            Map.entry("max_iter", "most sweeps of coordinate descent over the permutations"),
            Map.entry("cost", "how unit activations are compared"),
            Map.entry("samples", "training examples whose activations are used"),
            Map.entry("batch", "batch size"),
            Map.entry("iterations", "optimisation steps"),
            Map.entry("temperature", "Sinkhorn temperature; lower is closer to a hard permutation"),
            Map.entry("lr", "learning rate"),
            Map.entry("sinkhorn_iters", "Sinkhorn normalisation iterations per step"),
            Map.entry("init_scale", "scale of the initial logits"),
            Map.entry("noise", "noise on the initial logits"),
            Map.entry("epochs", "passes over the training subset"),
            Map.entry("beta1", "Adam first-moment decay"),
            Map.entry("beta2", "Adam second-moment decay"),
            Map.entry("eval_size", "examples used to score each candidate permutation"));

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

    static String methodText(String method) {
        return switch (method) {
            case "identity" -> "No permutation: the plain straight line between A and B, the baseline (default on)";
            case "wm" -> "Weight matching (Ainsworth et al.): permutations maximising Σ⟨θa, π(θb)⟩, no data needed";
            case "sinkhorn_wm", "sinkhorn" -> "Weight matching relaxed to doubly stochastic matrices (Sinkhorn),"
                    + " rounded to permutations";
            case "am" -> "Activation matching: units paired by their activations on the training subset";
            case "ste" -> "Straight-through estimator: learns the permutation by lowering the midpoint loss"
                    + " (slow; needs training data)";
            default -> "Matching method " + method;
        };
    }

    static String optionsText(String method) {
        Map<String, String> d;
        try {
            d = org.lmcx.match.Matchers.get(method).defaultOptions();
        } catch (RuntimeException e) {
            d = Map.of();
        }
        if (d.isEmpty()) {
            return "This method has no options";
        }
        StringBuilder sb = new StringBuilder("key=value, comma-separated:\n");
        d.forEach((k, v) -> sb.append("• ").append(k).append(": ").append(OPTION_DOCS.getOrDefault(k, "option"))
                .append(" (default ").append(v).append(")\n"));
        return sb.toString().trim();
    }
}
