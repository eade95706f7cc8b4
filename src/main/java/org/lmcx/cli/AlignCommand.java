package org.lmcx.cli;

import org.lmcx.analysis.Alignment;
import org.lmcx.analysis.HiddenInputAlignment;
import org.lmcx.model.Dataset;
import org.lmcx.model.Model;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "align", description = "Inner products of A's and B's top-k singular vectors, |UaᵀUb| and |VaᵀVb|, "
        + "before and after matching; with --hidden, how hidden inputs align with the right singular vectors.")
final class AlignCommand implements Callable<Integer> {

    @Mixin
    Inputs.Pair pair;
    @Mixin
    PermutationChoice choice;
    @ArgGroup(exclusive = false, heading = "Data (for am, ste, --hidden):%n")
    Inputs.Data data = new Inputs.Data();
    @Option(names = "--k", defaultValue = "32", description = "top singular vectors compared (default ${DEFAULT-VALUE})")
    int k;
    @Option(names = "--hidden", description = "also mean |⟨v_i, z/‖z‖⟩| per singular index on the test subset (paper Fig. 12)")
    boolean hidden;
    @Option(names = "--out", paramLabel = "FILE")
    Path out;
    @Option(names = {"--quiet", "-q"})
    boolean quiet;

    /** JSON of {@code align}. */
    record Output(String permutation, Alignment.Result alignment, HiddenInputAlignment.Result hiddenInputs) {
    }

    @Override
    public Integer call() throws Exception {
        Model a = pair.loadA();
        Model b = pair.loadB(a);
        Dataset train = data.dir == null ? null : data.train(choice.seed);
        Dataset test = hidden ? data.test(choice.seed) : null;
        Output o = Run.withProgress(quiet, mon -> {
            Model pb = choice.permuted(a, b, train, mon.sub(0, 0.4));
            Alignment.Result al = Alignment.run(a, b, pb, k, mon.sub(0.4, 0.7));
            HiddenInputAlignment.Result hi = hidden ? HiddenInputAlignment.run(a, b, pb, test,
                    HiddenInputAlignment.Options.standard(), mon.sub(0.7, 1)) : null;
            return new Output(choice.label(), al, hi);
        });
        System.out.printf("mean diagonal of the top-%d |UaᵀUb| (left) and |VaᵀVb| (right), plain and σ-weighted, "
                + "before → after %s%n", k, choice.label());
        System.out.printf("%-28s %4s %17s %17s %17s %17s%n", "layer", "k", "left", "right", "left σ-weighted",
                "right σ-weighted");
        for (Alignment.LayerAlignment l : o.alignment().layers()) {
            System.out.printf("%-28s %4d %7.3f → %7.3f %7.3f → %7.3f %7.3f → %7.3f %7.3f → %7.3f%n", l.layer(), l.k(),
                    l.before().leftDiagonal(), l.after().leftDiagonal(), l.before().rightDiagonal(),
                    l.after().rightDiagonal(), l.before().leftWeighted(), l.after().leftWeighted(),
                    l.before().rightWeighted(), l.after().rightWeighted());
        }
        if (out != null) {
            Json.write(out, o);
        }
        return 0;
    }
}
