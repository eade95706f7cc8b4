package org.lmcx.app;

import org.lmcx.session.AlignmentMaps;
import org.lmcx.session.Run;
import org.lmcx.session.SpectrumSet;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One finished run as the workspace keeps it: what produced it ({@link Key}) and its plain-data results.
 * A pair run has {@code pair}; a three-model run (B and C matched to A) has {@code three}, a run of
 * {@code org.lmcx.runner.AnalysisRunner} whose {@link Run#three()} holds C's matching and the three barriers.
 */
record RunEntry(String id, Key key, Instant created, Run pair, List<SpectrumSet> spectra,
                List<AlignmentMaps> alignment, Run three) {

    /**
     * Everything that determines a run's numbers: equal keys reuse the run, any difference makes a new one.
     *
     * @param modelSetId the models (A, B or A, B, C) the run belongs to
     * @param models     their file names, for people
     */
    record Key(String modelSetId, String models, String method, Map<String, String> options, long seed,
               boolean bnReset, String data, int lambdaPoints, boolean threeModels) {
        Key {
            options = Map.copyOf(options);
        }
    }

    RunEntry {
        spectra = spectra == null ? List.of() : List.copyOf(spectra);
        alignment = alignment == null ? List.of() : List.copyOf(alignment);
    }

    String method() {
        return key.method();
    }

    String modelSetId() {
        return key.modelSetId();
    }

    boolean isThree() {
        return three != null;
    }

    /** Short label for legends and rows: "wm · seed 0", "wm · seed 1 · BN reset". */
    String label() {
        return key.method() + " · seed " + key.seed() + (key.bnReset() ? " · BN reset" : "");
    }

    /** The full key, for tooltips and metadata. */
    String describe() {
        return String.format(Locale.ROOT, "%s%nmodels: %s%nmethod: %s %s%nseed: %d%nBN reset: %s%ndata: %s%nλ points: %d",
                label(), key.models(), key.method(), new TreeMap<>(key.options()), key.seed(),
                key.bnReset() ? "on" : "off", key.data(), key.lambdaPoints());
    }

    /** Test loss barrier of the run's path (a–π(b) for a three-model run), NaN if none. */
    double testLossBarrier() {
        var curve = pair != null ? pair.curve()
                : three.three().pairs().isEmpty() ? null : three.three().pairs().get(0).curve();
        return curve == null || curve.test() == null || curve.test().lossBarrier() == null ? Double.NaN
                : curve.test().lossBarrier().value();
    }
}
