package org.lmcx.cli;

import org.lmcx.model.UserInputException;
import org.lmcx.analysis.Interpolation;
import picocli.CommandLine.Option;

/** The λ grid and evaluation settings shared by interpolate, analyze and demo. */
final class LambdaOptions {

    @Option(names = "--lambdas", defaultValue = "25", paramLabel = "N", description = "λ points (default ${DEFAULT-VALUE})")
    int count;
    @Option(names = "--range", split = ",", paramLabel = "FROM,TO", defaultValue = "0,1",
            description = "λ range, e.g. -0.5,1.5 (default ${DEFAULT-VALUE})")
    double[] range;
    @Option(names = "--bn-reset", description = "recompute BN statistics at every λ on the training subset")
    boolean bnReset;
    @Option(names = "--batch", defaultValue = "500", description = "evaluation batch size (default ${DEFAULT-VALUE})")
    int batch;

    Interpolation.Options options() {
        if (range == null || range.length != 2) {
            throw new UserInputException("--range needs FROM,TO with FROM < TO");
        }
        if (batch < 1) {
            throw new UserInputException("--batch " + batch + ": must be ≥ 1");
        }
        Interpolation.requireRange("--range", range[0], range[1]);
        return new Interpolation.Options(Interpolation.grid(range[0], range[1], count), bnReset, batch);
    }
}
