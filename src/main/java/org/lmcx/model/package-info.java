/**
 * The data model: a {@link org.lmcx.model.Model} is an {@link org.lmcx.model.Architecture} (layers naming
 * state_dict keys, PyTorch layouts) plus named float {@link org.lmcx.model.Tensor}s; a
 * {@link org.lmcx.model.PermutationSpec} says which hidden-unit permutations the architecture admits and a
 * {@link org.lmcx.model.Permutation} is one choice of them. Plain Java, no ND4J, no JavaFX.
 */
package org.lmcx.model;
