package org.lmcx.io;

import org.lmcx.model.Tensor.StoredType;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Element types of checkpoint files: their sizes and the exact conversion of each to {@code float}
 * (16-bit floats included, which Java 17 cannot convert by itself). Shared by the safetensors reader and
 * writer and by other checkpoint readers.
 */
public final class Dtypes {

    private Dtypes() {
    }

    /** The type for a safetensors dtype name such as {@code "BF16"}, or null if unsupported. */
    public static StoredType parse(String dtype) {
        try {
            return StoredType.valueOf(dtype.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Bytes per element. */
    public static int size(StoredType t) {
        return switch (t) {
            case F64, I64 -> 8;
            case F32, I32 -> 4;
            case F16, BF16, I16 -> 2;
            case I8, U8, BOOL -> 1;
        };
    }

    /**
     * IEEE 754 binary16 to float. Exact: every half value (subnormals, ±0, ±∞, NaN payloads) is
     * representable as a float.
     */
    public static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            // Subnormal (or zero): mant · 2^-24, exact in float because mant < 2^10.
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** bfloat16 is the top half of a float32, so the conversion is a shift. */
    public static float bf16ToFloat(short bf16) {
        return Float.intBitsToFloat((bf16 & 0xffff) << 16);
    }

    /**
     * Decodes {@code n} elements of type {@code t} from {@code in} (little-endian, positioned at the first
     * element) into {@code out[off..off+n)}.
     */
    public static void decode(StoredType t, ByteBuffer in, float[] out, int off, int n) {
        switch (t) {
            case F32 -> in.asFloatBuffer().get(out, off, n);
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    out[off + i] = (float) in.getDouble();
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[off + i] = halfToFloat(in.getShort());
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[off + i] = bf16ToFloat(in.getShort());
                }
            }
            case I64 -> {
                for (int i = 0; i < n; i++) {
                    out[off + i] = in.getLong();
                }
            }
            case I32 -> {
                for (int i = 0; i < n; i++) {
                    out[off + i] = in.getInt();
                }
            }
            case I16 -> {
                for (int i = 0; i < n; i++) {
                    out[off + i] = in.getShort();
                }
            }
            case I8 -> {
                for (int i = 0; i < n; i++) {
                    out[off + i] = in.get();
                }
            }
            case U8 -> {
                for (int i = 0; i < n; i++) {
                    out[off + i] = in.get() & 0xff;
                }
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    out[off + i] = in.get() != 0 ? 1f : 0f;
                }
            }
        }
    }
}
