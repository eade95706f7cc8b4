package org.lmcx.session;

import org.lmcx.model.Model;
import org.lmcx.model.Tensor;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 of a model's weights as read, so a model is known by what it is, not by its file: a {@code .pt}
 * and its {@code .safetensors} twin hash alike.
 *
 * <p>What is hashed: every tensor the architecture uses ({@link Model#parameters()}: weights, biases, BN
 * affine parameters and running statistics), in sorted name order, each as its UTF-8 name, its rank and
 * dimensions, and its float values as IEEE-754 bits (little-endian). Not hashed: the stored dtype (an F16
 * file and its F32 upcast hold the same floats as read), tensors the architecture does not use (BN's integer
 * {@code num_batches_tracked}, which converters store as I64 or drop), the file name and the architecture's
 * name. Two files hash alike exactly when they define the same network weights.
 *
 * <p>Hashing a large model reads every float once (tens of ms for ResNet20×4), so results are memoized per
 * loaded {@link Model} object (by identity, weakly, the last {@value #MEMO} models).
 */
public final class ContentHash {

    private static final int MEMO = 32;

    private record Entry(WeakReference<Model> model, String hash) {
    }

    private static final List<Entry> RECENT = new ArrayList<>();

    private ContentHash() {
    }

    /** Lower-case hex SHA-256 of the model's weights (see class comment), memoized per model object. */
    @SuppressWarnings("ReferenceEquality") // memoized per model object (see the class comment)
    public static String of(Model model) {
        synchronized (RECENT) {
            for (Iterator<Entry> it = RECENT.iterator(); it.hasNext(); ) {
                Entry e = it.next();
                Model m = e.model().get();
                if (m == null) {
                    it.remove();
                } else if (m == model) {
                    return e.hash();
                }
            }
        }
        String h = compute(model);
        synchronized (RECENT) {
            RECENT.add(new Entry(new WeakReference<>(model), h));
            while (RECENT.size() > MEMO) {
                RECENT.remove(0);
            }
        }
        return h;
    }

    static String compute(Model model) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<String, Tensor> e : new TreeMap<>(model.parameters()).entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            md.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(name.length).array());
            md.update(name);
            int[] shape = e.getValue().shape();
            ByteBuffer dims = ByteBuffer.allocate(4 * (shape.length + 1)).order(ByteOrder.LITTLE_ENDIAN);
            dims.putInt(shape.length);
            for (int d : shape) {
                dims.putInt(d);
            }
            md.update(dims.array());
            for (float v : e.getValue().data()) {
                if (buf.remaining() < 4) {
                    md.update(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putInt(Float.floatToIntBits(v));
            }
            md.update(buf.array(), 0, buf.position());
            buf.clear();
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
