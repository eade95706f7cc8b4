package org.lmcx.cli;

import org.lmcx.model.UserInputException;
import org.lmcx.render.HeadlessExport;
import org.lmcx.session.SessionData;
import org.lmcx.session.SessionJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "export", description = "Renders every chart of a saved session (GUI File → Save session, or "
        + "`lmcx analyze --session`) as PNG plus the CSV behind it, headless, with the GUI's own chart code.")
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--session", required = true, paramLabel = "FILE", description = "session JSON")
    Path session;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;
    @Option(names = "--width", defaultValue = "1200", description = "chart width in layout pixels (default ${DEFAULT-VALUE})")
    int width;
    @Option(names = "--height", defaultValue = "700", description = "chart height in layout pixels (default ${DEFAULT-VALUE})")
    int height;
    @Option(names = "--scale", defaultValue = "2", description = "pixel scale, 2 for print (default ${DEFAULT-VALUE})")
    double scale;

    @Override
    public Integer call() throws Exception {
        SessionData s = SessionJson.read(session);
        List<Path> files = exportCharts(s, out, width, height, scale);
        System.out.printf("wrote %d files to %s%n", files.size(), out);
        return 0;
    }

    static List<Path> exportCharts(SessionData s, Path out, int width, int height, double scale) throws Exception {
        if (width < 100 || height < 100 || !(scale > 0) || scale > 8) {
            throw new UserInputException("--width/--height must be ≥ 100 and --scale in (0, 8]");
        }
        // Rendered into a temporary folder that replaces OUT at the end: Ctrl-C or a failure half-way leaves
        // the previous complete folder (or none), never a partial one.
        Path target = out.toAbsolutePath();
        List<Path> written = org.lmcx.io.AtomicFiles.writeDirectory(target, tmp ->
                HeadlessExport.export(s, tmp, width, height, scale).stream().map(tmp::relativize).toList());
        return written.stream().map(target::resolve).toList();
    }
}
