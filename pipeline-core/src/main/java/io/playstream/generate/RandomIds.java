package io.playstream.generate;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Version-4 UUID strings drawn from a seeded generator, so the same seed gives the same ids
 * ({@code UUID.randomUUID()} would not). Written by hand into a byte array: this runs once per
 * event, and {@code UUID.toString()} would allocate a UUID first.
 */
final class RandomIds {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private RandomIds() {
    }

    /** A random UUID string such as {@code 3f0c...-4...-a...}, from {@code random}. */
    static String next(SplittableRandom random) {
        return format(random.nextLong(), random.nextLong());
    }

    /** The canonical form of the UUID with these bits, made version 4, IETF variant. */
    static String format(long high, long low) {
        long msb = (high & ~0xF000L) | 0x4000L;
        long lsb = (low & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return canonical(msb, lsb);
    }

    /** The 36-character form of these 128 bits, as {@code java.util.UUID#toString()} prints it. */
    static String canonical(long msb, long lsb) {
        byte[] out = new byte[36];
        hex(out, 0, msb >>> 32, 8);
        out[8] = '-';
        hex(out, 9, msb >>> 16, 4);
        out[13] = '-';
        hex(out, 14, msb, 4);
        out[18] = '-';
        hex(out, 19, lsb >>> 48, 4);
        out[23] = '-';
        hex(out, 24, lsb, 12);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static void hex(byte[] out, int at, long bits, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            out[i] = HEX[(int) (bits & 0xF)];
            bits >>>= 4;
        }
    }
}
