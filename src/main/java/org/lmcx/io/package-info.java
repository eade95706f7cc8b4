/**
 * Checkpoint and dataset input/output. {@link org.lmcx.io.CheckpointLoader} is the single entry point for
 * opening models (safetensors, PyTorch zips, DL4J zips; descriptor from {@code --arch}, metadata, sidecar or
 * MLP inference) and {@link org.lmcx.io.ModelWriter} saves them so they reopen here and in PyTorch.
 * {@link org.lmcx.io.DatasetLoader} reads MNIST-style IDX and CIFAR-10 binaries into normalized
 * {@link org.lmcx.model.Dataset}s. Every reader parses untrusted bytes itself, checks each size against the
 * file before allocating, and reports problems as {@link org.lmcx.model.InvalidModelException}s whose
 * message names the file. Every writer goes through {@link org.lmcx.io.AtomicFiles}, so an interrupted save
 * never leaves a half-written file under the final name. No JavaFX here.
 */
package org.lmcx.io;
