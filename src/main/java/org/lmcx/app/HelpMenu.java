package org.lmcx.app;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Help: the demo, a getting-started page, the keyboard shortcuts and About (version, ND4J backend, memory,
 * licence). The texts live here, next to the menu that shows them.
 */
final class HelpMenu {

    static final String GETTING_STARTED = """
            1. Models: open two checkpoints of one architecture into A and B (Open…, drag and drop, or \
            File → Open recent). C is optional and adds the three-model analysis. A checkpoint without an \
            architecture descriptor gets an "Architecture…" button on its slot: choose a descriptor JSON and \
            it is remembered beside the checkpoint as <checkpoint>.arch.json.
            2. Data: the dataset folder (IDX such as Fashion-MNIST, or CIFAR-10 binary) and the subset sizes.
            3. Methods: tick identity, WM, Sinkhorn WM, AM or STE and set their options (hover an option for \
            what it does and its default). Run (click it, or press Enter while it has focus) starts one job \
            per method; Jobs shows progress, time and Cancel.
            4. Views: Interpolation (loss and accuracy along A → π(B) with barriers), Landscape (Compute \
            landscape; loss or accuracy), Spectra (singular values, log scale), Alignment (|UaᵀUb| / |VaᵀVb| \
            before and after), Summary (copyable table).
            5. The λ slider moves every marker, θ(λ) on the landscape and the merged model's spectrum; the \
            readout under it evaluates the merged model live.
            6. File → Export current view or Export figure set writes figures for a paper: PNG, SVG, PDF and \
            the CSV behind each (one- or two-column presets). File → Save session keeps everything; \
            `lmcx export --session FILE --out DIR` redraws the figure set without a display.
            Help → Open demo loads three small Fashion-MNIST MLPs and runs identity and WM on them.""";

    static final String SHORTCUTS = """
            Ctrl+1 / Ctrl+2 / Ctrl+3   open model A / B / C
            Ctrl+O                     open session
            Ctrl+S                     save session
            Ctrl+E                     export the current view
            Ctrl+Shift+E               export the figure set
            F1                         getting started
            Enter                      run, only while the Run button has focus
            Charts: drag = zoom box, right-click = zoom out, wheel = zoom, middle-drag or Ctrl-drag = pan""";

    private HelpMenu() {
    }

    /**
     * @param backend the ND4J backend line of the status bar
     * @param openDemo opens the bundled demo
     */
    static Menu create(Window owner, Supplier<String> backend, Runnable openDemo) {
        Menu help = new Menu("Help");
        MenuItem demo = new MenuItem("Open demo");
        demo.setOnAction(e -> openDemo.run());
        MenuItem start = new MenuItem("Getting started");
        start.setId("help-getting-started");
        start.setAccelerator(KeyCombination.keyCombination("F1"));
        start.setOnAction(e -> show(owner, "Getting started", GETTING_STARTED));
        MenuItem keys = new MenuItem("Keyboard shortcuts");
        keys.setOnAction(e -> show(owner, "Keyboard shortcuts", SHORTCUTS));
        MenuItem about = new MenuItem("About LMC Explorer");
        about.setId("help-about");
        about.setOnAction(e -> show(owner, "About LMC Explorer", about(backend.get())));
        help.getItems().addAll(start, keys, demo, new javafx.scene.control.SeparatorMenuItem(), about);
        return help;
    }

    static String about(String backend) {
        Runtime rt = Runtime.getRuntime();
        String v = HelpMenu.class.getPackage().getImplementationVersion();
        return String.format(Locale.ROOT, """
                        LMC Explorer %s
                        Linear mode connectivity and permutation matching (Git Re-Basin; Ito, Yamada & Kumagai, \
                        ICLR 2025).

                        Compute backend: %s
                        Java %s (%s), JavaFX %s
                        Memory: %d MB used of %d MB maximum heap, %d processors

                        Licence: the project declares none yet (no LICENSE file). Bundled libraries keep their \
                        own: ND4J/DL4J, PDFBox, pdfbox-graphics2d, Jackson, picocli: Apache 2.0; ChartFX: LGPL 3; \
                        OpenJFX: GPL 2 with Classpath Exception; JFreeSVG: GPL 3.""",
                v == null ? "(development build)" : v, backend == null || backend.isBlank() ? "not probed yet" : backend,
                System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("javafx.runtime.version", "?"),
                (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20, rt.availableProcessors());
    }

    private static void show(Window owner, String title, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(title);
        TextArea t = new TextArea(text);
        t.setEditable(false);
        t.setWrapText(true);
        t.setPrefColumnCount(70);
        t.setPrefRowCount(Math.min(22, text.split("\n").length + 4));
        a.getDialogPane().setContent(t);
        a.setResizable(true);
        a.show();
    }
}
