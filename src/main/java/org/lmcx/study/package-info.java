/**
 * Studies: a plan of architectures × widths × seeds × methods expands into independent cells, each one headless
 * run of the analyses on one model set; cells are stored atomically under their provenance hash, executed here
 * ({@link org.lmcx.study.LocalEngine}) or as a Slurm job array ({@link org.lmcx.study.SlurmEngine}), and
 * aggregated with Commons Math into a tidy summary. No JavaFX here.
 */
package org.lmcx.study;
