package org.lmcx.cli;

import org.lmcx.model.UserInputException;
import org.lmcx.analysis.Landscape;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "landscape", description = "Loss and accuracy over a plane: through A, π(B), π(C) (with --c) or "
        + "git-re-basin's plane through A, B and π(B).")
final class LandscapeCommand implements Callable<Integer> {

    @Mixin
    Inputs.Pair pair;
    @Option(names = {"--c", "-c"}, paramLabel = "CKPT", description = "model C: the plane through A, π(B), π(C)")
    Path c;
    @Mixin
    PermutationChoice choice;
    @ArgGroup(exclusive = false, heading = "Data:%n")
    Inputs.Data data = new Inputs.Data();
    @Option(names = "--grid", defaultValue = "21", description = "N×N points (default ${DEFAULT-VALUE})")
    int grid;
    @Option(names = "--range", split = ",", defaultValue = "-0.5,1.5", paramLabel = "FROM,TO",
            description = "coordinate range on both axes (default ${DEFAULT-VALUE})")
    double[] range;
    @Option(names = "--bn-reset", description = "recompute BN statistics at every point")
    boolean bnReset;
    @Option(names = "--out", paramLabel = "FILE")
    Path out;
    @Option(names = {"--quiet", "-q"})
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (range.length != 2 || !(range[1] > range[0])) {
            throw new UserInputException("--range needs FROM,TO with FROM < TO");
        }
        Model a = pair.loadA();
        Model b = pair.loadB(a);
        Model cm = c == null ? null : Inputs.loadModel(c, pair.arch, pair.key);
        if (cm != null) {
            a.requireSameArchitecture(cm);
        }
        Dataset train = data.train(choice.seed);
        Dataset test = data.test(choice.seed);
        Landscape.Options opts = new Landscape.Options(grid, range[0], range[1], 500, bnReset);
        Landscape.Result r = Run.withProgress(quiet, mon -> {
            Model pb = choice.permuted(a, b, train, mon.sub(0, 0.1));
            if (cm == null) {
                return Landscape.rebasinPlane(a, b, pb, test, train, opts, partial -> { }, mon.sub(0.1, 1));
            }
            Model pc = choice.permuted(a, cm, train, mon.sub(0.1, 0.2));
            return Landscape.threeModels(a, pb, pc, test, train, opts, partial -> { }, mon.sub(0.2, 1));
        });
        System.out.printf("%s, %d×%d points over [%.2f, %.2f]², %.1f s%n", r.plane(), grid, grid, range[0], range[1],
                r.seconds());
        String[] labels = cm == null ? new String[]{"A", "B", "π(B)"} : new String[]{"A", "π(B)", "π(C)"};
        for (int i = 0; i < r.models().size(); i++) {
            Landscape.ModelPoint p = r.models().get(i);
            System.out.printf("  %-6s at (%.3f, %.3f): loss %.4f, accuracy %.4f%n", i < labels.length ? labels[i]
                    : p.name(), p.x(), p.y(), p.loss(), p.accuracy());
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : r.loss()) {
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        System.out.printf("loss over the plane: min %.4f, max %.4f%n", min, max);
        if (out != null) {
            Json.write(out, r);
        }
        return 0;
    }
}
