/**
 * The desktop app: JavaFX views and small view models split by concept (JabRef style): models and data
 * ({@link org.lmcx.app.ModelsViewModel}), runs and which are ticked ({@link org.lmcx.app.RunsViewModel}, over
 * the core {@link org.lmcx.session.RunStore}), the slider ({@link org.lmcx.app.PreviewViewModel}), the
 * landscape, sessions/workspace and the Study tab ({@link org.lmcx.app.StudyViewModel}, a study folder read with
 * the headless {@code org.lmcx.study} code); {@link org.lmcx.app.MainViewModel} composes them. Runs are made only by
 * the core {@link org.lmcx.runner.AnalysisRunner}; jobs reach it through {@link org.lmcx.app.FxTaskAdapter},
 * which re-posts job events to the FX thread and keeps a separate I/O lane for opening and saving files. What
 * comes back are immutable run records of plain numbers. Charts are built by {@code org.lmcx.render}.
 */
package org.lmcx.app;
