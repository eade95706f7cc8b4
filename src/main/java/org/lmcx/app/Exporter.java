package org.lmcx.app;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.lmcx.render.ChartExport;
import org.lmcx.render.ExportItem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Exports charts: each chart is rebuilt at the chosen size in a hidden window and snapshotted on the FX
 * thread (cheap), then PNG-encoded and written atomically on the task service (not cheap at 2×).
 */
final class Exporter {

    /** Width, height (layout pixels) and scale of an export. */
    record Size(int width, int height, double scale) {
    }

    static Size lastSize = new Size(1200, 750, 2.0);

    private Exporter() {
    }

    static Optional<Size> askSize(Window owner) {
        Dialog<Size> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Export size");
        Spinner<Integer> w = new Spinner<>(200, 8000, lastSize.width(), 50);
        Spinner<Integer> h = new Spinner<>(150, 8000, lastSize.height(), 50);
        Spinner<Double> s = new Spinner<>(0.5, 4.0, lastSize.scale(), 0.5);
        w.setEditable(true);
        h.setEditable(true);
        s.setEditable(true);
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(10));
        g.addRow(0, new Label("width (px)"), w);
        g.addRow(1, new Label("height (px)"), h);
        g.addRow(2, new Label("scale (2 = twice the pixels)"), s);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> b == ButtonType.OK ? new Size(w.getValue(), h.getValue(), s.getValue()) : null);
        Optional<Size> r = d.showAndWait();
        r.ifPresent(x -> lastSize = x);
        return r;
    }

    /**
     * Writes each item as {@code dir/<stem>.png} (+ CSV where it has one). Starts on the FX thread; completes
     * when all files are written.
     */
    static CompletableFuture<List<Path>> export(FxTaskAdapter tasks, List<ExportItem> items, Path dir, Size size,
                                               boolean csv) {
        CompletableFuture<List<Path>> done = new CompletableFuture<>();
        List<Path> written = new ArrayList<>();
        next(tasks, items, 0, dir, size, csv, written, done);
        return done;
    }

    /** PNG of one item to an explicit file, CSV beside it (same stem) when wanted. */
    static CompletableFuture<List<Path>> exportOne(FxTaskAdapter tasks, ExportItem item, Path png, Size size,
                                                  boolean csv) {
        CompletableFuture<List<Path>> done = new CompletableFuture<>();
        ChartExport.snapshot(item.chart().get(), size.width(), size.height(), size.scale()).whenComplete((img, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
                return;
            }
            tasks.submit("export " + png.getFileName(), m -> {
                List<Path> out = new ArrayList<>();
                ChartExport.writePng(img, png);
                out.add(png);
                if (csv && item.csv() != null) {
                    Path c = csvFor(png);
                    ChartExport.writeCsv(item.csv(), c);
                    out.add(c);
                }
                return out;
            }, done::complete, done::completeExceptionally);
        });
        return done;
    }

    static Path csvFor(Path png) {
        String n = png.getFileName().toString();
        String stem = n.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? n.substring(0, n.length() - 4) : n;
        return png.resolveSibling(stem + ".csv");
    }

    private static void next(FxTaskAdapter tasks, List<ExportItem> items, int i, Path dir, Size size, boolean csv,
                             List<Path> written, CompletableFuture<List<Path>> done) {
        if (i >= items.size()) {
            done.complete(written);
            return;
        }
        ExportItem item = items.get(i);
        exportOne(tasks, item, dir.resolve(item.stem() + ".png"), size, csv).whenComplete((files, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else {
                written.addAll(files);
                tasks.ui().execute(() -> next(tasks, items, i + 1, dir, size, csv, written, done));
            }
        });
    }
}
