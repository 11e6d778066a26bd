package io.playstream.partition;

/** Prefixes and the safety rule shared by every key layout. */
public final class ObjectKeys {

    /** Where bronze files live. */
    public static final String BRONZE_PREFIX = "bronze/";
    /** Where dead letters live. */
    public static final String DEAD_LETTER_PREFIX = "dead-letter/";

    private ObjectKeys() {
    }

    /**
     * True when {@code key} is a plain relative path: no empty, {@code .} or {@code ..} segment, no
     * leading slash, no backslash, no control characters. Keys that fail this never reach a file
     * system or a warehouse, whatever a hostile bucket holds.
     */
    public static boolean isSafe(String key) {
        if (key == null || key.isEmpty() || key.length() > 1024 || key.charAt(0) == '/') {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return false;
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** The key itself when safe; otherwise an exception naming it. */
    public static String requireSafe(String key) {
        if (!isSafe(key)) {
            throw new IllegalArgumentException("object key '" + key + "' is not a safe relative key");
        }
        return key;
    }
}
