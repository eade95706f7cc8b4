/**
 * What a result is and where it is kept, headless: {@link org.lmcx.session.RunKey} (the provenance of a run:
 * the models by content hash, the data, the method with its complete options, seed, BN reset, λ grid and
 * program version), {@link org.lmcx.session.Run} (an immutable record of plain data: the match summary with
 * its permutation, the curve and every analysis asked for), the thread-safe
 * {@link org.lmcx.session.RunStore}, the session/workspace file ({@link org.lmcx.session.SessionData},
 * {@link org.lmcx.session.SessionJson}, version 2, reading version 1 through {@link SessionV1}), the one
 * permutation format the CLI's {@code perm.json} and sessions share ({@link org.lmcx.session.Permutations}),
 * and the chart-ready records ({@link org.lmcx.session.SpectrumSet}, {@link org.lmcx.session.AlignmentMaps},
 * {@link org.lmcx.session.LandscapeGrid}) that render draws. No JavaFX, no ND4J: the runner
 * ({@code org.lmcx.runner}) fills this package, the CLI, the GUI and studies read it.
 */
package org.lmcx.session;
