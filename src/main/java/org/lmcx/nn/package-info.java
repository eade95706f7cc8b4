/**
 * Evaluation: builds one DL4J {@code ComputationGraph} per architecture ({@link org.lmcx.nn.Network}) and
 * evaluates models, interpolations and plane points by writing flat parameter vectors into it in place.
 * The only package that talks to DL4J layers; everything numeric that needs a forward or backward pass
 * goes through it.
 */
package org.lmcx.nn;
