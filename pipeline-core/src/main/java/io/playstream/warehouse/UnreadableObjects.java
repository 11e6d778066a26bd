package io.playstream.warehouse;

import io.playstream.PlaystreamException;
import io.playstream.objectstore.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Objects that cannot be read at all (a truncated or corrupt gzip, say). When a batch fails, each of
 * its objects is read again alone; the ones that fail are kept aside like malformed lines: one row
 * in {@code bronze._rejected_lines} (line 0, the reason, an empty line) and a manifest row with their
 * etag, so the rest of the batch loads, the same broken version is not read again, and a fixed
 * version (a new etag) replaces it.
 */
final class UnreadableObjects {

    /** The prefix of the reason in {@code bronze._rejected_lines}. */
    static final String REASON_PREFIX = "unreadable object: ";
    private static final int MAX_REASON = 500;

    private UnreadableObjects() {
    }

    /** Object key to reason, for the objects of {@code batch} that {@code bulk} cannot read; in batch order. */
    static Map<String, String> find(Connection connection, BulkLoader bulk, List<PendingObject> batch)
            throws SQLException {
        Map<String, String> unreadable = new LinkedHashMap<>();
        for (PendingObject object : batch) {
            bulk.unreadable(connection, object).ifPresent(reason -> unreadable.put(object.value(), reason(reason)));
        }
        return unreadable;
    }

    /** Writes the rejected-line rows of the unreadable objects; their manifest rows follow in the same transaction. */
    static Map<String, ObjectCounts> keepAside(Connection connection, Map<String, String> unreadable,
            LocalDateTime loadedAt) throws SQLException {
        Map<String, ObjectCounts> counts = new LinkedHashMap<>();
        try (PreparedStatement insert = connection.prepareStatement("insert into " + BronzeTables.REJECTED + " ("
                + String.join(", ", BronzeTables.REJECTED_COLUMNS) + ") values (?, 0, ?, '', ?)")) {
            for (Map.Entry<String, String> object : unreadable.entrySet()) {
                insert.setString(1, object.getKey());
                insert.setString(2, object.getValue());
                insert.setTimestamp(3, Timestamp.valueOf(loadedAt));
                insert.addBatch();
                counts.put(object.getKey(), new ObjectCounts(0, 1));
            }
            insert.executeBatch();
        }
        return counts;
    }

    /**
     * Reads the object through the loader's own decompression ({@link ObjectBodies}): for the loaders
     * that read objects in Java. The download comes first, so a store that fails (a retriable fault)
     * is never taken for a broken object.
     */
    static Optional<String> readInJava(ObjectStore store, PendingObject object) {
        Path copy = null;
        try {
            copy = Files.createTempFile("playstream-probe-", ".object");
            store.download(object.value(), copy);
            try (InputStream body = ObjectBodies.decompressed(object, Files.newInputStream(copy))) {
                body.transferTo(OutputStream.nullOutputStream());
                return Optional.empty();
            } catch (IOException e) {
                return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        } catch (IOException e) {
            throw PlaystreamException.retriable("cannot copy object " + object.value() + " from " + store.describe()
                    + " to read it again: " + e.getMessage(), e);
        } finally {
            delete(copy);
        }
    }

    private static String reason(String detail) {
        String reason = REASON_PREFIX + Redaction.redact(String.valueOf(detail)).replace('\n', ' ');
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    }

    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
