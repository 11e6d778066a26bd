package io.playstream.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the lines of a batch of objects into {@code bronze.spotify_events} (JSON objects) and
 * {@code bronze._rejected_lines} (everything else) by the dialect's bulk path, inside the caller's
 * transaction. Never commits.
 */
interface BulkLoader {

    /** The statements that create the bronze tables in this dialect. */
    List<String> createStatements();

    /**
     * Loads the batch; returns rows and rejected lines per object key.
     *
     * @param loadedAt the batch's {@code _loaded_at}: unique per batch
     * @param keepRaw  whether every row gets its line in {@code _raw} ({@link LoaderSettings#keepRaw()})
     */
    Map<String, ObjectCounts> load(Connection connection, List<PendingObject> batch, LocalDateTime loadedAt,
            boolean keepRaw) throws SQLException;

    /**
     * Why the object cannot be read at all, by the same reader {@link #load} uses (a corrupt or
     * truncated gzip, say), or empty when it reads. Asked for each object of a batch that failed,
     * after its rollback; see {@link UnreadableObjects}.
     */
    Optional<String> unreadable(Connection connection, PendingObject object) throws SQLException;
}
