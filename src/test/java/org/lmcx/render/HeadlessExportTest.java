package org.lmcx.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.render.figure.FigureFiles;
import org.lmcx.render.figure.FigureOptions;
import org.lmcx.render.figure.FigureTheme;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HeadlessExportTest {

    @TempDir
    Path out;

    @Test
    void everyFigureIsWrittenAtThePresetSizeAndIsNotBlank() throws Exception {
        FigureTheme theme = FigureTheme.ONE_COLUMN.withDpi(200);
        List<Path> files = HeadlessExport.export(org.lmcx.session.TestRuns.session(), out, theme, FigureOptions.DEFAULT,
                FigureFiles.ALL);
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("path_loss_accuracy.png",
                "path_loss_accuracy.svg", "path_loss_accuracy.pdf", "path_loss_accuracy.csv",
                "path_loss_accuracy.csv.json", "landscape.png", "landscape.csv", "spectra_fc1.weight.png",
                "spectra_fc1.weight_log.pdf", "spectra_fc1.weight.csv", "alignment_fc1.weight_left_wm.png",
                "alignment_fc1.weight_left_wm.csv", "alignment_vs_rank_fc1.weight.svg", "summary.csv");
        for (Path f : files) {
            if (f.toString().endsWith(".png")) {
                BufferedImage img = ImageIO.read(f.toFile());
                assertThat(img.getWidth()).as(f.toString()).isEqualTo(700);
                assertThat(img.getHeight()).as(f.toString()).isEqualTo(520);
                assertThat(distinctColours(img)).as(f + " has content").isGreaterThan(20);
            }
        }
        if (System.getenv("LMCX_KEEP_EXPORT") != null) {
            Path keep = Path.of(System.getenv("LMCX_KEEP_EXPORT"));
            Files.createDirectories(keep);
            for (Path f : files) {
                Files.copy(f, keep.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(Files.readString(out.resolve("path_loss_accuracy.csv"))).startsWith("run,split,lambda,loss,accuracy")
                .contains("wm · seed 0,test,0.5,");
        assertThat(Files.readString(out.resolve("summary.csv"))).contains("wm").contains("identity");
    }

    static int distinctColours(BufferedImage img) {
        Set<Integer> c = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                c.add(img.getRGB(x, y));
            }
        }
        return c.size();
    }
}
