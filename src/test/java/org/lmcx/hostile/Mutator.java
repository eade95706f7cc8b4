package org.lmcx.hostile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Seeded mutations of bytes and of JSON text, biased towards the values that break parsers. */
final class Mutator {

    private static final long[] INTERESTING = {0, 1, -1, 2, 7, 255, 256, 65535, 65536, Integer.MAX_VALUE,
            Integer.MIN_VALUE, 1L << 31, 1L << 32, 268435463, Long.MAX_VALUE, Long.MIN_VALUE};
    private static final String[] NUMBERS = {"0", "-1", "1", "2", "-0", "2147483647", "-2147483648", "4294967296",
            "268435463", "9223372036854775807", "99999999999999999999999", "1e308", "-1e308", "1e-320", "NaN",
            "Infinity", "0.5", "1000000", "null", "true", "\"x\"", "[]", "{}"};
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private Mutator() {
    }

    static byte[] bytes(byte[] in, Random r) {
        byte[] b = in.clone();
        int ops = 1 + r.nextInt(3);
        for (int k = 0; k < ops && b.length > 0; k++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(8)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = (byte) new int[]{0, 0xff, 0x7f, 0x80, 0x01}[r.nextInt(5)];
                case 2 -> b = Arrays.copyOf(b, at);
                case 3 -> {
                    long v = INTERESTING[r.nextInt(INTERESTING.length)];
                    int w = r.nextBoolean() ? 4 : 8;
                    if (at + w <= b.length) {
                        ByteBuffer bb = ByteBuffer.wrap(b, at, w).order(r.nextBoolean() ? ByteOrder.LITTLE_ENDIAN
                                : ByteOrder.BIG_ENDIAN);
                        if (w == 4) {
                            bb.putInt((int) v);
                        } else {
                            bb.putLong(v);
                        }
                    }
                }
                case 4 -> {
                    byte[] ins = new byte[1 + r.nextInt(16)];
                    r.nextBytes(ins);
                    b = splice(b, at, 0, ins);
                }
                case 5 -> b = splice(b, at, Math.min(b.length - at, 1 + r.nextInt(32)), new byte[0]);
                case 6 -> {
                    int len = Math.min(b.length - at, 1 + r.nextInt(64));
                    b = splice(b, at, 0, Arrays.copyOfRange(b, at, at + len));
                }
                default -> r.nextBytes(new byte[0]);
            }
        }
        return b;
    }

    static String json(String in, Random r) {
        String s = in;
        int ops = 1 + r.nextInt(2);
        for (int k = 0; k < ops; k++) {
            int choice = r.nextInt(10);
            if (choice < 5) {
                s = replaceNumber(s, r);
            } else if (choice < 7 && !s.isEmpty()) {
                int at = r.nextInt(s.length());
                s = s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + r.nextInt(8)));
            } else if (choice < 8 && !s.isEmpty()) {
                int at = r.nextInt(s.length());
                int len = Math.min(s.length() - at, 1 + r.nextInt(80));
                s = s.substring(0, at) + s.substring(at, at + len) + s.substring(at);
            } else {
                s = new String(bytes(s.getBytes(StandardCharsets.UTF_8), r), StandardCharsets.UTF_8);
            }
        }
        return s;
    }

    private static String replaceNumber(String s, Random r) {
        Matcher m = NUMBER.matcher(s);
        int count = 0;
        while (m.find()) {
            count++;
        }
        if (count == 0) {
            return s;
        }
        int pick = r.nextInt(count);
        m.reset();
        for (int i = 0; i <= pick; i++) {
            m.find();
        }
        return s.substring(0, m.start()) + NUMBERS[r.nextInt(NUMBERS.length)] + s.substring(m.end());
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
