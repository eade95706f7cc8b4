package org.lmcx.runner;

import org.lmcx.model.Model;

/**
 * The live permuted models of a run: π(B), and π(C) for a run with a three-model part (else null). Built once
 * per run by {@link AnalysisRunner} and kept there, so the GUI's slider and landscape use them without
 * matching or permuting again.
 */
public record Permuted(Model pb, Model pc) {
}
