package org.lmcx.io;

import org.lmcx.model.InvalidModelException;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one array in ND4J's binary format ({@code Nd4j.write}, what DL4J's ModelSerializer stores as
 * {@code coefficients.bin}), with our own bounded code instead of ND4J's: two data buffers, each
 * {@code writeUTF(allocationMode)}, {@code writeLong(length)}, {@code writeUTF(dataType)} and then
 * {@code length} big-endian values. The first holds the shape information as longs
 * ({@code [rank, shape…, stride…, extras, elementWiseStride, order]}), the second the values.
 *
 * <p>Written by hand because ND4J's reader trusts the lengths it reads (a 20-byte file can ask it for an
 * array of 2^40 values); here the caller states how many values it expects, computed from the network's
 * configuration and checked against the memory budget, and anything else is refused before allocating.
 */
final class Nd4jBinary {

    private static final int MAX_RANK = 32;

    private Nd4jBinary() {
    }

    /**
     * The values as floats, in the array's C order.
     *
     * @param expected how many values the configuration implies (already within the memory budget)
     * @param where    file and entry, for messages
     */
    static float[] readFloats(InputStream raw, long expected, String where) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        try {
            String mode = in.readUTF();
            long infoLength = in.readLong();
            String infoType = in.readUTF();
            requireMode(mode, where);
            if (infoLength < 4 || infoLength > 2L * MAX_RANK + 4) {
                throw new InvalidModelException(where + ": shape information of " + infoLength
                        + " values is not that of an array of rank ≤ " + MAX_RANK);
            }
            long[] info = new long[(int) infoLength];
            for (int i = 0; i < info.length; i++) {
                info[i] = switch (infoType) {
                    case "LONG" -> in.readLong();
                    case "INT" -> in.readInt();
                    default -> throw new InvalidModelException(where + ": shape information of type " + infoType
                            + " (expected LONG)");
                };
            }
            long rank = info[0];
            if (rank < 0 || rank > MAX_RANK || infoLength != 2 * rank + 4) {
                throw new InvalidModelException(where + ": shape information claims rank " + rank + " in "
                        + infoLength + " values");
            }
            long count = 1;
            for (int i = 1; i <= rank; i++) {
                if (info[i] < 0) {
                    throw new InvalidModelException(where + ": negative dimension " + info[i]);
                }
                count = org.lmcx.model.MemoryBudget.multiply(count, info[i]);
            }
            if (order(info) != 'c' && rank > 1) {
                throw new InvalidModelException(where + ": array stored in '" + order(info)
                        + "' order; ModelSerializer writes the flat parameter vector in 'c' order");
            }
            String dataMode = in.readUTF();
            long length = in.readLong();
            String dataType = in.readUTF();
            requireMode(dataMode, where);
            if (length != count || count != expected) {
                throw new InvalidModelException(where + ": holds " + (length == count ? String.valueOf(length)
                        : "an inconsistent number of") + " values, but the configuration's layers have "
                        + expected + " parameters");
            }
            float[] out = new float[(int) expected];
            switch (dataType) {
                case "FLOAT" -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = in.readFloat();
                    }
                }
                case "DOUBLE" -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = (float) in.readDouble();
                    }
                }
                case "HALF" -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = Dtypes.halfToFloat(in.readShort());
                    }
                }
                default -> throw new InvalidModelException(where + ": parameters of type " + dataType
                        + " (supported: FLOAT, DOUBLE, HALF)");
            }
            return out;
        } catch (EOFException e) {
            throw new InvalidModelException(where + ": ends early (truncated file?)", e);
        } catch (java.io.UTFDataFormatException e) {
            throw new InvalidModelException(where + ": not ND4J's binary array format (bad header text)", e);
        }
    }

    private static void requireMode(String mode, String where) {
        // ND4J ≥ 1.0.0-beta writes MIXED_DATA_TYPES (LONG_SHAPE in some betas); older layouts differ.
        if (!mode.equals("MIXED_DATA_TYPES") && !mode.equals("LONG_SHAPE")) {
            throw new InvalidModelException(where + ": ND4J buffer layout \"" + abbreviate(mode)
                    + "\" is not supported (re-save the network with DL4J 1.0.0-beta or newer)");
        }
    }

    private static char order(long[] info) {
        return (char) info[info.length - 1];
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
