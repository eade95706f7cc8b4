/**
 * Charts shared by the desktop app and the CLI: ChartFX chart builders for the screen that take plain result
 * data (never INDArrays: the records of {@code org.lmcx.session}), the palette every chart and figure uses, CSV
 * cells, and {@link org.lmcx.render.HeadlessExport}, which writes a session's figure set through
 * {@link org.lmcx.render.figure} without a window. Depends on session and analysis results and ChartFX, never on
 * {@code org.lmcx.app}.
 */
package org.lmcx.render;
