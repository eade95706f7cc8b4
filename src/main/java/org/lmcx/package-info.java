/**
 * LMC Explorer: a workbench for linear mode connectivity and permutation matching. This package holds only
 * the jar's entry point, {@link org.lmcx.Launcher}, which opens the desktop app ({@code org.lmcx.app}) or runs an
 * {@code lmcx} command ({@code org.lmcx.cli}); the numeric core lives in the sub-packages the README's
 * "Architecture" table lists.
 */
package org.lmcx;
