package org.lmcx.io.torch;

import java.util.Locale;

import org.lmcx.model.Tensor;

/** The legacy typed-storage classes torch.save names in a storage's persistent id, with their layout. */
enum StorageType {
    FLOAT("FloatStorage", 4, Tensor.StoredType.F32),
    DOUBLE("DoubleStorage", 8, Tensor.StoredType.F64),
    HALF("HalfStorage", 2, Tensor.StoredType.F16),
    BFLOAT16("BFloat16Storage", 2, Tensor.StoredType.BF16),
    LONG("LongStorage", 8, Tensor.StoredType.I64),
    INT("IntStorage", 4, Tensor.StoredType.I32),
    SHORT("ShortStorage", 2, Tensor.StoredType.I16),
    CHAR("CharStorage", 1, Tensor.StoredType.I8),
    BYTE("ByteStorage", 1, Tensor.StoredType.U8),
    BOOL("BoolStorage", 1, Tensor.StoredType.BOOL);

    private final String pickleName;
    private final int itemSize;
    private final Tensor.StoredType storedType;

    StorageType(String pickleName, int itemSize, Tensor.StoredType storedType) {
        this.pickleName = pickleName;
        this.itemSize = itemSize;
        this.storedType = storedType;
    }

    String pickleName() {
        return pickleName;
    }

    int itemSize() {
        return itemSize;
    }

    Tensor.StoredType storedType() {
        return storedType;
    }

    static StorageType byPickleName(String name) {
        for (StorageType t : values()) {
            if (t.pickleName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return pickleName.toLowerCase(Locale.ROOT);
    }

    /**
     * Decodes {@code count} little-endian elements starting at {@code from} into floats. Integers wider
     * than 24 bits lose precision, which the data model accepts (see {@link Tensor}).
     */
    void decode(byte[] src, int from, int count, float[] dst, int dstOffset) {
        int p = from;
        switch (this) {
            case FLOAT -> {
                for (int i = 0; i < count; i++, p += 4) {
                    dst[dstOffset + i] = Float.intBitsToFloat(int32(src, p));
                }
            }
            case DOUBLE -> {
                for (int i = 0; i < count; i++, p += 8) {
                    dst[dstOffset + i] = (float) Double.longBitsToDouble(int64(src, p));
                }
            }
            case HALF -> {
                for (int i = 0; i < count; i++, p += 2) {
                    dst[dstOffset + i] = halfToFloat(uint16(src, p));
                }
            }
            case BFLOAT16 -> {
                for (int i = 0; i < count; i++, p += 2) {
                    dst[dstOffset + i] = Float.intBitsToFloat(uint16(src, p) << 16);
                }
            }
            case LONG -> {
                for (int i = 0; i < count; i++, p += 8) {
                    dst[dstOffset + i] = (float) int64(src, p);
                }
            }
            case INT -> {
                for (int i = 0; i < count; i++, p += 4) {
                    dst[dstOffset + i] = (float) int32(src, p);
                }
            }
            case SHORT -> {
                for (int i = 0; i < count; i++, p += 2) {
                    dst[dstOffset + i] = (short) uint16(src, p);
                }
            }
            case CHAR -> {
                for (int i = 0; i < count; i++) {
                    dst[dstOffset + i] = src[p + i];
                }
            }
            case BYTE -> {
                for (int i = 0; i < count; i++) {
                    dst[dstOffset + i] = src[p + i] & 0xff;
                }
            }
            case BOOL -> {
                for (int i = 0; i < count; i++) {
                    dst[dstOffset + i] = src[p + i] != 0 ? 1f : 0f;
                }
            }
            default -> throw new IllegalStateException(name());
        }
    }

    private static int uint16(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
    }

    private static int int32(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
    }

    private static long int64(byte[] b, int p) {
        return (int32(b, p) & 0xffffffffL) | ((long) int32(b, p + 4)) << 32;
    }

    /** IEEE binary16 to float; Java 17 lacks Float.float16ToFloat. */
    static float halfToFloat(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) {
            float v = mant * 0x1p-24f; // zero or subnormal: exact in float
            return sign != 0 ? -v : v;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mant << 13);
        }
        return Float.intBitsToFloat(sign | (exp - 15 + 127) << 23 | mant << 13);
    }
}
