/**
 * Evaluation: builds one DL4J {@code ComputationGraph} per architecture ({@link org.lmcx.nn.Network}) and
 * evaluates models, interpolations and plane points by writing flat parameter vectors into it in place.
 * The only package that talks to DL4J layers; everything numeric that needs a forward or backward pass
 * goes through it.
 *
 * <h2>Speed</h2>
 * Forward passes (logits, evaluation, BN resets) run as libnd4j ops over the graph's parameter views
 * ({@link org.lmcx.nn.FastForward}); gradients still come from DL4J's layers. Which native code those ops reach
 * depends on the backend:
 * <ul>
 *   <li>CPU (default): {@link org.lmcx.nn.NativePlatform} loads the {@code linux-x86_64-onednn-avx2} build of
 *       libnd4j on AVX2 CPUs, whose conv2d/pooling/batchnorm are oneDNN primitives; other CPUs get the plain
 *       build. {@code -Dlmcx.onednn=false} forces the plain build; {@code lmcx bench} shows which was loaded.</li>
 *   <li>CUDA: {@code mvn -Pcuda -Dnd4j.classifier=linux-x86_64-cudnn package} builds against nd4j-cuda-11.6
 *       with the cuDNN build of libnd4j, whose conv2d, pooling and batchnorm ops call cuDNN (M2.1 has no
 *       separate deeplearning4j-cuda helper module: cuDNN lives in that classifier). Plain {@code -Pcuda}
 *       gives the CUDA backend without cuDNN. The CPU oneDNN natives stay in the jar but are not loaded.</li>
 * </ul>
 */
package org.lmcx.nn;
