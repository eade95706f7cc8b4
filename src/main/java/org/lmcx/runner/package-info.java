/**
 * The one headless runner that the CLI ({@code analyze}, {@code demo}), the GUI and studies call:
 * {@link org.lmcx.runner.AnalysisRunner} takes a {@link org.lmcx.runner.ModelSet} (A, B, optional C), the
 * data ({@link org.lmcx.runner.DataContext}) and a list of {@link org.lmcx.runner.RunRequest}s, and for each
 * request matches once, builds π(B) (and π(C)) once, computes every requested analysis from those, and returns
 * {@link org.lmcx.session.Run}s, reusing a stored run whose key is equal. Kept apart from
 * {@code org.lmcx.session} because it holds live models and runs the numerics, while the session package is
 * plain data that the UI may hold. No JavaFX.
 */
package org.lmcx.runner;
