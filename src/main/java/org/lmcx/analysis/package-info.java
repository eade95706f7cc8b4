/**
 * The analyses, each returning one immutable result record of plain data (doubles, arrays, strings) that
 * the CLI prints and the GUI draws: interpolation curves and barriers, the function-preservation check,
 * and (see the classes) spectra, alignment, landscapes, three-model merging and the Taylor estimate.
 */
package org.lmcx.analysis;
