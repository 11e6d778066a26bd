package io.playstream.warehouse;

import io.playstream.objectstore.ObjectStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Snowflake: PUT the batch's objects to a temporary internal stage, one {@code COPY INTO}, then move
 * the lines that are not JSON objects aside. The SQL is {@link SnowflakeStatements}'. No account is
 * reachable from here, so only the statements are tested, not their execution.
 */
final class SnowflakeBulkLoader implements BulkLoader {

    private final ObjectStore store;

    SnowflakeBulkLoader(ObjectStore store) {
        this.store = store;
    }

    @Override
    public List<String> createStatements() {
        return SnowflakeStatements.createTables();
    }

    /**
     * Every row keeps its line in {@code _raw}, whatever {@code keepRaw} says: a COPY's
     * transformation has too few functions to build {@code _rescued}, and a row with {@code _raw} is
     * its own record (CONTRACTS.md §3).
     */
    @Override
    public Map<String, ObjectCounts> load(Connection connection, List<PendingObject> batch, LocalDateTime loadedAt,
            boolean keepRaw) throws SQLException {
        String batchId = "b" + UUID.randomUUID().toString().replace("-", "");
        try (LocalObjectFiles files = LocalObjectFiles.of(store, batch); Statement statement = connection.createStatement()) {
            List<Path> paths = batch.stream().map(files::path).toList();
            for (String sql : SnowflakeStatements.batch(paths, batch, batchId, loadedAt)) {
                statement.execute(sql);
            }
            Map<String, ObjectCounts> counts = new HashMap<>();
            try (ResultSet rows = statement.executeQuery(SnowflakeStatements.countRows(loadedAt))) {
                while (rows.next()) {
                    counts.merge(rows.getString(1), new ObjectCounts(rows.getLong(2), 0), ObjectCounts::plus);
                }
            }
            try (ResultSet rows = statement.executeQuery(SnowflakeStatements.countRejected(loadedAt))) {
                while (rows.next()) {
                    counts.merge(rows.getString(1), new ObjectCounts(0, rows.getLong(2)), ObjectCounts::plus);
                }
            }
            statement.execute(SnowflakeStatements.removeBatch(batchId));
            return counts;
        }
    }

    /** Snowflake's COPY reads the staged files; the same gzip read in Java stands in for it. */
    @Override
    public Optional<String> unreadable(Connection connection, PendingObject object) {
        return UnreadableObjects.readInJava(store, object);
    }
}
