package org.lmcx.cli;

import org.lmcx.analysis.FunctionPreservation;
import org.lmcx.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "check-spec",
        description = "Applies a random permutation to a checkpoint and checks that the logits do not change.")
final class CheckSpecCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CKPT")
    Path checkpoint;
    @Option(names = "--arch", paramLabel = "FILE")
    Path arch;
    @Option(names = "--key", paramLabel = "KEY")
    String key;
    @Option(names = "--seed", defaultValue = "0")
    long seed;
    @Option(names = "--examples", defaultValue = "64", description = "random inputs compared (default ${DEFAULT-VALUE})")
    int examples;

    @Override
    public Integer call() {
        Model m = Inputs.loadModel(checkpoint, arch, key);
        FunctionPreservation.Report r = FunctionPreservation.checkRandom(m, seed, examples);
        System.out.printf("%s: %s — max |Δlogit| %.3g, relative %.3g on %d inputs (tolerance %.0e)%n",
                checkpoint, r.preserved() ? "spec OK, a random permutation preserves the function"
                        : "SPEC BROKEN, a random permutation changes the function",
                r.maxAbsoluteDifference(), r.relativeDifference(), r.examples(), FunctionPreservation.TOLERANCE);
        return r.preserved() ? 0 : 1;
    }
}
