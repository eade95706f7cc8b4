package org.lmcx.app;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.lmcx.render.figure.FigureFiles;
import org.lmcx.render.figure.FigureSpec;
import org.lmcx.render.figure.FigureTheme;
import org.lmcx.io.AtomicFiles;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Exports figures for a paper: a dialog for the preset (one or two columns), size, DPI, formats, λ marker and
 * titles; then every figure is drawn and written by {@link FigureFiles} in ONE job on the task service (figures are
 * plain data, so nothing is drawn on the FX thread and an export of forty files is one row in the Jobs panel).
 */
final class Exporter {

    /** Theme and formats of an export. */
    record Settings(FigureTheme theme, Set<FigureFiles.Format> formats) {
    }

    static Settings last = new Settings(FigureTheme.TWO_COLUMN, EnumSet.allOf(FigureFiles.Format.class));

    private Exporter() {
    }

    static Optional<Settings> ask(Window owner, String what) {
        Dialog<Settings> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Export " + what);
        d.setHeaderText("Figures are drawn for print: white background, no crosshair, zoom bar or slider marker.");
        ComboBox<String> preset = new ComboBox<>();
        preset.getItems().addAll("one-column", "two-column");
        preset.setValue("one-column".equals(last.theme().name()) ? "one-column" : "two-column");
        preset.setTooltip(new Tooltip("one-column: 3.5 in wide, 7.5 pt text; two-column: 7 in wide, 9 pt text"
                + " (default two-column). Sets width, height, text and line sizes."));
        Spinner<Double> w = new Spinner<>(1.0, 40.0, last.theme().widthIn(), 0.25);
        Spinner<Double> h = new Spinner<>(0.8, 40.0, last.theme().heightIn(), 0.25);
        Spinner<Integer> dpi = new Spinner<>(36, 1200, last.theme().dpi(), 50);
        for (Spinner<?> s : List.of(w, h, dpi)) {
            s.setEditable(true);
            s.setPrefWidth(100);
        }
        w.setTooltip(new Tooltip("Figure width in inches, all panels together (preset: 3.5 or 7)"));
        h.setTooltip(new Tooltip("Figure height in inches (preset: 2.6 or 3.2)"));
        dpi.setTooltip(new Tooltip("Pixels per inch of the PNG; SVG and PDF are vector (default 300)"));
        preset.valueProperty().addListener((o, x, y) -> {
            FigureTheme t = FigureTheme.preset(y);
            w.getValueFactory().setValue(t.widthIn());
            h.getValueFactory().setValue(t.heightIn());
        });
        HBox formats = new HBox(8);
        Map<FigureFiles.Format, CheckBox> boxes = new LinkedHashMap<>();
        for (FigureFiles.Format f : FigureFiles.Format.values()) {
            CheckBox c = new CheckBox(f.name());
            c.setSelected(last.formats().contains(f));
            c.setTooltip(new Tooltip(switch (f) {
                case PNG -> "Raster image at the chosen DPI (default on)";
                case SVG -> "Vector image, text kept as text (default on)";
                case PDF -> "Vector PDF, one page the size of the figure (default on)";
                case CSV -> "The numbers behind the figure, plus a .csv.json sidecar with units and provenance"
                        + " (default on)";
            }));
            boxes.put(f, c);
            formats.getChildren().add(c);
        }
        CheckBox lambda = new CheckBox("draw the λ marker");
        lambda.setSelected(last.theme().showLambda());
        lambda.setTooltip(new Tooltip("The slider's λ as a dashed line on path plots and θ(λ) on landscapes"
                + " (default off)"));
        CheckBox titles = new CheckBox("panel titles");
        titles.setSelected(last.theme().titles());
        titles.setTooltip(new Tooltip("Leave off for figures captioned in the paper (default on)"));
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(10));
        g.addRow(0, new Label("preset"), preset);
        g.addRow(1, new Label("width (in)"), w);
        g.addRow(2, new Label("height (in)"), h);
        g.addRow(3, new Label("PNG resolution (DPI)"), dpi);
        g.addRow(4, new Label("formats"), formats);
        g.add(lambda, 0, 5, 2, 1);
        g.add(titles, 0, 6, 2, 1);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> {
            if (b != ButtonType.OK) {
                return null;
            }
            Set<FigureFiles.Format> fs = EnumSet.noneOf(FigureFiles.Format.class);
            boxes.forEach((f, c) -> {
                if (c.isSelected()) {
                    fs.add(f);
                }
            });
            FigureTheme t = FigureTheme.preset(preset.getValue()).withSize(w.getValue(), h.getValue())
                    .withDpi(dpi.getValue()).withLambda(lambda.isSelected()).withTitles(titles.isSelected());
            return new Settings(t, fs);
        });
        Optional<Settings> r;
        try {
            r = d.showAndWait();
        } catch (IllegalArgumentException e) {
            Dialogs.error(owner, "Export settings", e.getMessage());
            return Optional.empty();
        }
        r.ifPresent(x -> last = x);
        return r;
    }

    /**
     * Asks for settings and a folder, confirms replacing existing files, then writes. {@code extraCsv} are plain
     * tables without a figure (file name → content), e.g. summary.csv.
     */
    static void exportInteractive(Window owner, FxTaskAdapter tasks, String what, List<FigureSpec> specs,
                                  Map<String, String> extraCsv, Consumer<String> onError) {
        if (specs.isEmpty() && extraCsv.isEmpty()) {
            Dialogs.error(owner, "Nothing to export", "This view has no results yet: open models A and B and Run.");
            return;
        }
        Optional<Settings> s = specs.isEmpty() ? Optional.of(last) : ask(owner, what);
        if (s.isEmpty()) {
            return;
        }
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Export " + what + " to folder");
        File dir = dc.showDialog(owner);
        if (dir == null) {
            return;
        }
        List<Path> targets = new ArrayList<>();
        for (FigureSpec spec : specs) {
            targets.addAll(FigureFiles.targets(spec, dir.toPath(), s.get().formats()));
        }
        extraCsv.keySet().forEach(n -> targets.add(dir.toPath().resolve(n)));
        if (!Dialogs.confirmOverwrite(owner, targets)) {
            return;
        }
        // The callback handles the failure; the future whenComplete returns would only repeat it.
        var unused = export(tasks, what, specs, extraCsv, dir.toPath(), s.get()).whenComplete((files, e) -> {
            if (e != null) {
                tasks.ui().execute(() -> onError.accept("Export of " + what + " failed: " + FxTaskAdapter.describe(e)));
            }
        });
    }

    /** Writes every figure (and extra CSV) as one job; completes with the files written. */
    static CompletableFuture<List<Path>> export(FxTaskAdapter tasks, String what, List<FigureSpec> specs,
                                               Map<String, String> extraCsv, Path dir, Settings s) {
        CompletableFuture<List<Path>> done = new CompletableFuture<>();
        String name = String.format(Locale.ROOT, "export %s (%d figure%s) to %s", what, specs.size(),
                specs.size() == 1 ? "" : "s", dir.getFileName());
        tasks.submit(name, m -> {
            List<Path> out = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                m.checkCancelled();
                m.update((double) i / Math.max(1, specs.size()), specs.get(i).stem());
                out.addAll(FigureFiles.write(specs.get(i), dir, s.theme(), s.formats()));
            }
            for (Map.Entry<String, String> e : extraCsv.entrySet()) {
                Path f = dir.resolve(e.getKey());
                AtomicFiles.write(f, e.getValue().getBytes(StandardCharsets.UTF_8));
                out.add(f);
            }
            m.update(1, out.size() + " files written");
            return out;
        }, done::complete, done::completeExceptionally, () -> done.cancel(false));
        return done;
    }
}
