package io.playstream.warehouse;

/**
 * How the loader cuts its work into transactions: a batch closes when it holds
 * {@code batchObjects} objects or {@code batchBytes} bytes of (compressed) objects.
 *
 * @param batchObjects objects per transaction, at least 1
 * @param batchBytes   object bytes per transaction, at least 1
 * @param keepRaw      whether every bronze row keeps its line byte for byte in {@code _raw}; without
 *                     it the field columns and {@code _rescued} hold the line (CONTRACTS.md §3)
 */
public record LoaderSettings(int batchObjects, long batchBytes, boolean keepRaw) {

    /** Many small objects per transaction: each batch is one engine scan and one commit. */
    public static final int DEFAULT_BATCH_OBJECTS = 256;
    /** Enough to keep a commit short even when objects are big. */
    public static final long DEFAULT_BATCH_BYTES = 512L * 1024 * 1024;
    /** The object store keeps every line already, so bronze does not copy it (CONTRACTS.md §3). */
    public static final boolean DEFAULT_KEEP_RAW = false;
    public static final LoaderSettings DEFAULTS = new LoaderSettings(DEFAULT_BATCH_OBJECTS, DEFAULT_BATCH_BYTES,
            DEFAULT_KEEP_RAW);

    public LoaderSettings {
        if (batchObjects < 1) {
            throw new IllegalArgumentException("batchObjects must be >= 1, was " + batchObjects);
        }
        if (batchBytes < 1) {
            throw new IllegalArgumentException("batchBytes must be >= 1, was " + batchBytes);
        }
    }

    public LoaderSettings withBatchObjects(int objects) {
        return new LoaderSettings(objects, batchBytes, keepRaw);
    }

    public LoaderSettings withKeepRaw(boolean keep) {
        return new LoaderSettings(batchObjects, batchBytes, keep);
    }
}
