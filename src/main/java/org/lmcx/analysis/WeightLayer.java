package org.lmcx.analysis;

import org.lmcx.model.Architecture;
import org.lmcx.model.Layer;
import org.lmcx.model.Model;
import org.lmcx.model.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A layer with a weight matrix (dense or convolution) as the spectral analyses see it: the weight as the matrix
 * {@code [out, in·kh·kw]}, i.e. PyTorch's OIHW tensor with each output channel's filter flattened in
 * (in, kh, kw) order. That is the view in which a permutation acts as {@code P_out W P_inᵀ} (the input
 * permutation moves whole kh·kw blocks, still an orthogonal map), so singular values are invariant.
 *
 * @param layer  display name: the weight key without its {@code .weight} suffix
 * @param tensor state_dict key of the weight
 * @param window the weight as its layer states it: a convolution's window, or {@code kernel} 0 for a dense layer
 */
record WeightLayer(String layer, String tensor, Layer.WeightMatrix window) {

    /** {@link Spectra#CONVENTION} in words. */
    static final String CONVENTION = "W as the matrix [out, in·kh·kw]: dense [out, in]; convolution OIHW with each"
            + " output channel's filter flattened in (in, kh, kw) order (im2col view)";

    static List<WeightLayer> of(Architecture arch) {
        List<WeightLayer> out = new ArrayList<>();
        for (Layer l : arch.flatLayers()) {
            l.weightMatrix().ifPresent(w -> out.add(new WeightLayer(name(w.tensor()), w.tensor(), w)));
        }
        return out;
    }

    float[][] matrix(Model m) {
        return matrix(m.tensor(tensor));
    }

    static float[][] matrix(Tensor t) {
        return t.axisMatrix(0, null);
    }

    private static String name(String key) {
        return key.endsWith(".weight") ? key.substring(0, key.length() - ".weight".length()) : key;
    }
}
