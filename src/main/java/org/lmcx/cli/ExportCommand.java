package org.lmcx.cli;

import org.lmcx.model.UserInputException;
import org.lmcx.render.HeadlessExport;
import org.lmcx.session.SessionData;
import org.lmcx.session.SessionJson;
import org.lmcx.render.figure.FigureFiles;
import org.lmcx.render.figure.FigureOptions;
import org.lmcx.render.figure.FigureTheme;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "export", description = "Writes the figure set of a saved session (GUI File → Save session, or "
        + "`lmcx analyze --session`): loss and accuracy along the path with barriers, singular values per layer "
        + "(linear and log), alignment heatmaps before/after, alignment by rank, the landscape planes; each as PNG, "
        + "SVG, PDF and the CSV behind it (with a .csv.json sidecar), plus summary.csv. Headless, no display needed.")
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--session", required = true, paramLabel = "FILE", description = "session JSON")
    Path session;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;
    @Option(names = "--preset", defaultValue = "two-column",
            description = "one-column (3.5 in wide, 7.5 pt text) or two-column (7 in, 9 pt) (default ${DEFAULT-VALUE})")
    String preset;
    @Option(names = "--width", paramLabel = "INCHES", description = "figure width in inches (default: the preset's)")
    Double width;
    @Option(names = "--height", paramLabel = "INCHES", description = "figure height in inches (default: the preset's)")
    Double height;
    @Option(names = "--dpi", defaultValue = "300", description = "PNG resolution (default ${DEFAULT-VALUE})")
    int dpi;
    @Option(names = "--formats", defaultValue = "png,svg,pdf,csv",
            description = "any of png, svg, pdf, csv (default ${DEFAULT-VALUE})")
    String formats;
    @Option(names = "--lambda-marker", description = "draw the session's λ (path plots: a line; landscapes: θ(λ))")
    boolean lambdaMarker;
    @Option(names = "--no-titles", description = "leave panel titles out (for figures captioned in the paper)")
    boolean noTitles;
    @Option(names = "--log-loss", description = "loss along the path on a log axis")
    boolean logLoss;
    @Option(names = "--landscape-cap", paramLabel = "VALUE",
            description = "top of the landscape loss colour scale: auto (90th percentile when the maximum is far "
                    + "above it), max, or a number (default ${DEFAULT-VALUE})", defaultValue = "auto")
    String landscapeCap;
    @Option(names = "--log-colour", description = "log colour scale for loss landscapes")
    boolean logColour;

    @Override
    public Integer call() throws Exception {
        SessionData s = SessionJson.read(session);
        FigureTheme theme;
        FigureOptions o;
        java.util.Set<FigureFiles.Format> fs;
        try {
            theme = FigureTheme.preset(preset);
            theme = theme.withSize(width == null ? theme.widthIn() : width, height == null ? theme.heightIn() : height)
                    .withDpi(dpi).withLambda(lambdaMarker).withTitles(!noTitles);
            o = FigureOptions.DEFAULT.withLogLoss(logLoss).withLambda(s.ui().lambda())
                    .withLandscape(cap(landscapeCap), logColour);
            fs = FigureFiles.Format.parse(formats);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        List<Path> files = write(s, out, theme, o, fs);
        System.out.printf("wrote %d files to %s%n", files.size(), out);
        return 0;
    }

    static double cap(String v) {
        return switch (v) {
            case "auto" -> Double.NaN;
            case "max" -> Double.POSITIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--landscape-cap must be auto, max or a number, not '" + v + "'");
                }
            }
        };
    }

    /** The figure set with the default (two-column, 300 DPI) theme, for {@code analyze --export}. */
    static List<Path> exportCharts(SessionData s, Path out) throws Exception {
        return write(s, out, FigureTheme.TWO_COLUMN, FigureOptions.DEFAULT.withLambda(s.ui().lambda()), FigureFiles.ALL);
    }

    /**
     * Rendered into a temporary folder that replaces OUT at the end: Ctrl-C or a failure half-way leaves the
     * previous complete folder (or none), never a partial one.
     */
    static List<Path> write(SessionData s, Path out, FigureTheme theme, FigureOptions o,
                            java.util.Set<FigureFiles.Format> formats) throws Exception {
        Path target = out.toAbsolutePath();
        List<Path> written = org.lmcx.io.AtomicFiles.writeDirectory(target, tmp ->
                HeadlessExport.export(s, tmp, theme, o, formats).stream().map(tmp::relativize).toList());
        return written.stream().map(target::resolve).toList();
    }
}
