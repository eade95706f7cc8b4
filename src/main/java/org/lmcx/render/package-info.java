/**
 * Charts and exports shared by the desktop app and the CLI: ChartFX chart builders that take plain result
 * data (never INDArrays: the records of {@code org.lmcx.session}), the palette every chart uses, PNG snapshots and
 * CSV tables of the numbers behind each chart, and {@link org.lmcx.render.HeadlessExport} for rendering a session
 * without a window. Depends on session and analysis results and ChartFX, never on {@code org.lmcx.app}.
 */
package org.lmcx.render;
