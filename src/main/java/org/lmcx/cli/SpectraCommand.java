package org.lmcx.cli;

import org.lmcx.analysis.Spectra;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "spectra", description = "Per-layer singular values of A, B and π(B) (and of θ(λ) with --lambdas); "
        + "checks that the permutation left every spectrum unchanged.")
final class SpectraCommand implements Callable<Integer> {

    @Mixin
    Inputs.Pair pair;
    @Mixin
    PermutationChoice choice;
    @ArgGroup(exclusive = false, heading = "Data (for am, ste):%n")
    Inputs.Data data = new Inputs.Data();
    @Option(names = "--lambdas", split = ",", paramLabel = "λ", description = "also the spectra of θ(λ) = (1−λ)θa + λπ(θb), e.g. 0,0.5,1")
    double[] lambdas;
    @Option(names = "--out", paramLabel = "FILE")
    Path out;
    @Option(names = {"--quiet", "-q"})
    boolean quiet;

    /** JSON of {@code spectra}. */
    record Output(String permutation, Spectra.Result spectra, Spectra.PathResult path) {
    }

    @Override
    public Integer call() throws Exception {
        Model a = pair.loadA();
        Model b = pair.loadB(a);
        Dataset train = data.dir == null ? null : data.train(choice.seed);
        Output o = Run.withProgress(quiet, mon -> {
            Model pb = choice.permuted(a, b, train, mon.sub(0, 0.5));
            Spectra.Result s = Spectra.compare(a, b, pb, mon.sub(0.5, 0.8));
            Spectra.PathResult path = lambdas == null ? null : Spectra.alongPath(a, pb, lambdas, mon.sub(0.8, 1));
            return new Output(choice.label(), s, path);
        });
        System.out.println("matrix view: " + o.spectra().convention());
        System.out.printf("%-28s %-12s %10s %10s %10s %12s %s%n", "layer", "shape", "σ1(A)", "σ1(B)", "σ1(π(B))",
                "max rel Δσ", "invariant");
        for (Spectra.LayerSpectrum l : o.spectra().layers()) {
            System.out.printf("%-28s %-12s %10.4f %10.4f %10.4f %12.2e %s%n", l.layer(), l.rows() + "×" + l.cols(),
                    l.a()[0], l.b()[0], l.permutedB()[0], l.maxRelativeChange(), l.invariant() ? "yes" : "NO");
        }
        if (out != null) {
            Json.write(out, o);
        }
        return o.spectra().layers().stream().allMatch(Spectra.LayerSpectrum::invariant) ? 0 : 1;
    }

}
