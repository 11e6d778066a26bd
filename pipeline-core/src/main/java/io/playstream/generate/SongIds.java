package io.playstream.generate;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The original pipeline's song id: Python's {@code uuid5(NAMESPACE_DNS, artist + "::" + song)}, so
 * a song keeps its id across both pipelines. The JDK only offers version 3 (MD5); version 5 is the
 * same construction with SHA-1 (RFC 4122 §4.3).
 */
public final class SongIds {

    /** {@code uuid.NAMESPACE_DNS}: 6ba7b810-9dad-11d1-80b4-00c04fd430c8. */
    private static final long NAMESPACE_DNS_MSB = 0x6ba7b8109dad11d1L;
    private static final long NAMESPACE_DNS_LSB = 0x80b400c04fd430c8L;

    /** Looking up a digest costs as much as hashing a name: a catalogue reuses one per thread. */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(SongIds::sha1);

    private SongIds() {
    }

    /** The song id of this artist and title, e.g. Kanye West, Stronger: 1bf43cf2-745e-57bb-8af1-5a7055a1f93a. */
    public static String of(String artist, String song) {
        byte[] name = (artist + "::" + song).getBytes(StandardCharsets.UTF_8);
        MessageDigest sha1 = SHA1.get();
        sha1.update(ByteBuffer.allocate(16).putLong(NAMESPACE_DNS_MSB).putLong(NAMESPACE_DNS_LSB).array());
        ByteBuffer hash = ByteBuffer.wrap(sha1.digest(name));
        long msb = (hash.getLong() & ~0xF000L) | 0x5000L;
        long lsb = (hash.getLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return RandomIds.canonical(msb, lsb);
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
