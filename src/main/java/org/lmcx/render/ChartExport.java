package org.lmcx.render;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.transform.Transform;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import org.lmcx.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * PNG and CSV output. A chart is exported by building a fresh copy at the requested size in a hidden
 * window (ChartFX draws its canvas in the scene's pulse, which only runs for a shown window), waiting a few
 * pulses, and snapshotting it with a scale transform, so a 2× export has twice the pixels of the layout size.
 * ChartFX 11.3 has no vector (SVG/PDF) output, so neither do we.
 */
public final class ChartExport {

    /** Pulses to wait after showing: CSS + layout, then ChartFX's post-layout canvas drawing, then one spare. */
    private static final int SETTLE_PULSES = 4;

    private ChartExport() {
    }

    /**
     * Lays {@code content} out at {@code width}×{@code height} in a hidden window and snapshots it scaled by
     * {@code scale}. Must be called on the FX thread; completes on the FX thread without blocking it.
     */
    public static CompletableFuture<WritableImage> snapshot(Parent content, int width, int height, double scale) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("snapshot must be called on the JavaFX thread");
        }
        if (width < 16 || height < 16 || !(scale > 0) || scale > 8) {
            throw new IllegalArgumentException("export size " + width + "×" + height + " at scale " + scale
                    + " is out of range (at least 16×16 px, scale in (0, 8])");
        }
        CompletableFuture<WritableImage> result = new CompletableFuture<>();
        StackPane root = new StackPane(content);
        root.setStyle("-fx-background-color: white;");
        Scene scene = new Scene(root, width, height, Color.WHITE);
        Stage stage = new Stage(StageStyle.UTILITY);
        stage.setScene(scene);
        stage.setOpacity(0);
        stage.setX(-20000);
        stage.setY(-20000);
        stage.setTitle("export");
        stage.show();
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames < SETTLE_PULSES) {
                    return;
                }
                stop();
                try {
                    SnapshotParameters p = new SnapshotParameters();
                    p.setFill(Color.WHITE);
                    p.setTransform(Transform.scale(scale, scale));
                    WritableImage img = new WritableImage((int) Math.round(width * scale),
                            (int) Math.round(height * scale));
                    root.snapshot(p, img);
                    result.complete(img);
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                } finally {
                    stage.close();
                    root.getChildren().clear();
                }
            }
        }.start();
        return result;
    }

    /** PNG bytes of an image (any thread). */
    public static byte[] png(WritableImage img) throws IOException {
        BufferedImage b = SwingFXUtils.fromFXImage(img, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(b, "png", out)) {
            throw new IOException("no PNG writer available");
        }
        return out.toByteArray();
    }

    public static void writePng(WritableImage img, Path file) throws IOException {
        AtomicFiles.write(file, png(img));
    }

    public static void writeCsv(String csv, Path file) throws IOException {
        AtomicFiles.write(file, csv.getBytes(StandardCharsets.UTF_8));
    }
}
