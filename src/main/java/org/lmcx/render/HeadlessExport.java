package org.lmcx.render;

import org.lmcx.render.figure.FigureFiles;
import org.lmcx.render.figure.FigureOptions;
import org.lmcx.render.figure.FigureSpec;
import org.lmcx.render.figure.FigureTheme;
import org.lmcx.render.figure.PaperFigures;

import org.lmcx.io.AtomicFiles;
import org.lmcx.session.SessionData;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes a session's figure set without the desktop app ({@code lmcx export}, {@code lmcx analyze --export}):
 * every figure of {@link PaperFigures#all} in the chosen formats, plus {@code summary.csv} and
 * {@code three_models.csv}. Draws through java.awt only (headless), so it needs no display and no JavaFX.
 */
public final class HeadlessExport {

    private HeadlessExport() {
    }

    /** @return the files written */
    public static List<Path> export(SessionData session, Path outDir, FigureTheme theme, FigureOptions options,
                                    Set<FigureFiles.Format> formats) throws IOException {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        for (FigureSpec spec : PaperFigures.all(session, options)) {
            written.addAll(FigureFiles.write(spec, outDir, theme, formats));
        }
        if (formats.contains(FigureFiles.Format.CSV)) {
            Path summary = outDir.resolve("summary.csv");
            AtomicFiles.write(summary, SummaryTable.csv(session).getBytes(StandardCharsets.UTF_8));
            written.add(summary);
            String three = SummaryTable.threeCsv(session);
            if (three != null) {
                Path f = outDir.resolve("three_models.csv");
                AtomicFiles.write(f, three.getBytes(StandardCharsets.UTF_8));
                written.add(f);
            }
        }
        return written;
    }
}
