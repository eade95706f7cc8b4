package org.lmcx.render;

import org.lmcx.session.SessionData;

import javafx.application.Platform;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Renders a session's charts to PNG (and their numbers to CSV) without the desktop app: for
 * {@code lmcx export --session S --out DIR}. Starts the JavaFX toolkit once per process. Without a display
 * it needs either Xvfb ({@code xvfb-run lmcx export ...}) or the Monocle headless platform on the class path,
 * which it then selects itself.
 */
public final class HeadlessExport {

    private static final Object START_LOCK = new Object();
    private static volatile boolean started;

    private HeadlessExport() {
    }

    /**
     * Writes every chart of the session as {@code <stem>.png} ({@code width}×{@code height} layout pixels
     * times {@code scale}), the CSVs behind them and {@code summary.csv}. Blocks until done; must not be
     * called on the JavaFX thread.
     *
     * @return the files written
     */
    public static List<Path> export(SessionData session, Path outDir, int width, int height, double scale)
            throws IOException {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("HeadlessExport.export blocks; call it off the JavaFX thread");
        }
        startToolkit();
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        for (ExportItem item : ExportItem.all(session)) {
            WritableImage img = await(runOnFx(() -> {
                javafx.scene.Parent chart = item.chart().get();
                if (chart instanceof HBox box) {
                    box.getChildren().forEach(n -> {
                        HBox.setHgrow(n, Priority.ALWAYS);
                        if (n instanceof Region r) {
                            r.setMaxWidth(Double.MAX_VALUE);
                        }
                    });
                }
                return ChartExport.snapshot(chart, width, height, scale);
            }), item.stem());
            Path png = outDir.resolve(item.stem() + ".png");
            ChartExport.writePng(img, png);
            written.add(png);
            if (item.csv() != null) {
                Path csv = outDir.resolve(csvStem(item.stem()) + ".csv");
                ChartExport.writeCsv(item.csv(), csv);
                written.add(csv);
            }
        }
        Path summary = outDir.resolve("summary.csv");
        ChartExport.writeCsv(SummaryTable.csv(session), summary);
        written.add(summary);
        String three = SummaryTable.threeCsv(session);
        if (three != null) {
            Path f = outDir.resolve("three_models.csv");
            ChartExport.writeCsv(three, f);
            written.add(f);
        }
        return written;
    }

    /** interpolation_loss → interpolation, spectra_fc1 → spectra: one CSV per chart family. */
    private static String csvStem(String stem) {
        if (stem.startsWith("interpolation")) {
            return "interpolation";
        }
        if (stem.startsWith("spectra")) {
            return "spectra";
        }
        if (stem.startsWith("alignment")) {
            return "alignment";
        }
        return stem;
    }

    /**
     * Starts JavaFX if nobody has. With no X display and Monocle available, selects its headless platform
     * and the software renderer first (the properties are read once, at startup).
     */
    public static void startToolkit() {
        synchronized (START_LOCK) {
            if (started) {
                return;
            }
            String display = System.getenv("DISPLAY");
            if ((display == null || display.isBlank()) && System.getProperty("glass.platform") == null
                    && monoclePresent()) {
                System.setProperty("glass.platform", "Monocle");
                System.setProperty("monocle.platform", "Headless");
                System.setProperty("prism.order", "sw");
            }
            // Monocle's headless screen is 1280×800 by default and overflows when a window is larger, which
            // a big export is: give it room (it is only a pixel buffer).
            if (System.getProperty("headless.geometry") == null) {
                System.setProperty("headless.geometry", "4096x4096-32");
            }
            CompletableFuture<Void> up = new CompletableFuture<>();
            try {
                Platform.startup(() -> up.complete(null));
            } catch (IllegalStateException alreadyRunning) {
                up.complete(null);
            }
            Platform.setImplicitExit(false);
            try {
                up.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting JavaFX", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("JavaFX did not start (no display? run under xvfb-run)", e);
            }
            started = true;
        }
    }

    private static boolean monoclePresent() {
        try {
            Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory", false,
                    HeadlessExport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static <T> CompletableFuture<T> runOnFx(java.util.function.Supplier<CompletableFuture<T>> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                task.get().whenComplete((v, e) -> {
                    if (e != null) {
                        f.completeExceptionally(e);
                    } else {
                        f.complete(v);
                    }
                });
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private static <T> T await(CompletableFuture<T> f, String what) throws IOException {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering " + what, e);
        } catch (ExecutionException e) {
            throw new IOException("rendering " + what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("rendering " + what + " timed out", e);
        }
    }
}
