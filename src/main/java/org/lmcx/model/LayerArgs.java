package org.lmcx.model;

import org.lmcx.model.ArchitectureDescriptor.LayerDescriptor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One descriptor entry as a {@link Layer.Reader} sees it: the entry, the checkpoint's tensor shapes (null when
 * building without tensors) and the rules shared by every type: how a {@code key} names tensors, when a bias
 * exists, and that a size left out is read from the tensor.
 *
 * @param d            the descriptor entry
 * @param tensorShapes the checkpoint's tensor shapes, or null
 */
public record LayerArgs(LayerDescriptor d, Map<String, int[]> tensorShapes) {

    /** The layers of a descriptor list (a sequential network or a residual branch); null is empty. */
    public static List<Layer> read(List<LayerDescriptor> ds, Map<String, int[]> shapes) {
        List<Layer> out = new ArrayList<>();
        if (ds == null) {
            return out;
        }
        for (LayerDescriptor l : ds) {
            if (l == null || l.type() == null) {
                throw new IllegalArgumentException("layer without \"type\"");
            }
            Layer.Type type = Layer.type(l.type()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown layer type \"" + l.type() + "\" (expected one of "
                            + String.join(", ", Layer.typeNames()) + ")"));
            out.add(type.reader().read(new LayerArgs(l, shapes)));
        }
        return out;
    }

    /** Nested layers (a residual's branches). */
    public List<Layer> layers(List<LayerDescriptor> ds) {
        return read(ds, tensorShapes);
    }

    /** The tensor named explicitly ({@code weight}, {@code bias}, …) or {@code key.suffix}. */
    public String tensor(String suffix) {
        String explicit = switch (suffix) {
            case "weight" -> d.weight();
            case "bias" -> d.bias();
            case "running_mean" -> d.runningMean();
            case "running_var" -> d.runningVar();
            default -> null;
        };
        if (explicit != null) {
            return explicit;
        }
        if (d.key() == null) {
            throw new IllegalArgumentException("layer needs \"key\" or an explicit \"" + suffix + "\" name");
        }
        return d.key() + "." + suffix;
    }

    /** An optional bias: named explicitly, or {@code key.bias} when the checkpoint has it (or is not known). */
    public String bias() {
        if (d.bias() != null) {
            return d.bias();
        }
        if (d.key() == null) {
            return null;
        }
        String k = d.key() + ".bias";
        return tensorShapes == null || tensorShapes.containsKey(k) ? k : null;
    }

    /** The checkpoint's shape of {@code key}, checked for rank; null when building without tensors. */
    public int[] shape(String key, int rank) {
        if (tensorShapes == null) {
            return null;
        }
        int[] s = tensorShapes.get(key);
        if (s == null) {
            throw new IllegalArgumentException("descriptor names tensor \"" + key + "\" which the checkpoint lacks");
        }
        if (s.length != rank) {
            throw new IllegalArgumentException("tensor \"" + key + "\" has shape " + Arrays.toString(s)
                    + ", expected rank " + rank);
        }
        return s;
    }

    /** A size given in the descriptor, else read from the tensor's {@code axis}. */
    public int size(Integer given, int[] shape, int axis, String key, String what) {
        if (given != null) {
            if (given < 1) {
                throw new IllegalArgumentException("layer \"" + key + "\": \"" + what + "\" must be ≥ 1, got "
                        + given);
            }
            return given;
        }
        if (shape == null) {
            throw new IllegalArgumentException("layer \"" + key + "\" needs \"" + what
                    + "\" (or load it together with its tensors)");
        }
        return shape[axis];
    }

    /** {@code value}, or {@code fallback} when the descriptor leaves it out. */
    public int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
