package io.playstream.partition;

import java.util.Optional;

/** Prefixes and the safety rule shared by every key layout. */
public final class ObjectKeys {

    /** Where bronze files live. */
    public static final String BRONZE_PREFIX = "bronze/";
    /** Where dead letters live. */
    public static final String DEAD_LETTER_PREFIX = "dead-letter/";
    /** S3's own limit on a key. */
    static final int MAX_KEY_LENGTH = 1024;

    private ObjectKeys() {
    }

    /**
     * True when {@code key} is a plain relative path: no empty, {@code .} or {@code ..} segment, no
     * leading slash, no backslash, no control characters. Keys that fail this never reach a file
     * system or a warehouse, whatever a hostile bucket holds.
     */
    public static boolean isSafe(String key) {
        return unsafeReason(key).isEmpty();
    }

    /** Why {@code key} is not a plain relative path, for the log of a refused key; empty when it is one. */
    public static Optional<String> unsafeReason(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of("empty key");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return Optional.of("longer than " + MAX_KEY_LENGTH + " characters");
        }
        if (key.charAt(0) == '/') {
            return Optional.of("absolute path");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("control character");
            }
            if (c == '\\') {
                return Optional.of("backslash");
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                return Optional.of("empty path segment");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("path traversal ('" + segment + "' segment)");
            }
        }
        return Optional.empty();
    }

    /** The key itself when safe; otherwise an exception naming it. */
    public static String requireSafe(String key) {
        if (!isSafe(key)) {
            throw new IllegalArgumentException("object key '" + key + "' is not a safe relative key");
        }
        return key;
    }
}
