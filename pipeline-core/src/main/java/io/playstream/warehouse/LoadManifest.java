package io.playstream.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code bronze._load_manifest}: one row per loaded object version. Its SQL is plain ANSI, the same
 * in DuckDB, PostgreSQL and Snowflake; it runs inside the batch's transaction.
 */
final class LoadManifest {

    /** Placeholders per {@code IN} list: well under every driver's parameter limit. */
    private static final int IN_LIST_SIZE = 500;

    private LoadManifest() {
    }

    /** Object key to etag of everything loaded so far. */
    static Map<String, String> read(Connection connection) throws SQLException {
        Map<String, String> loaded = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select object_key, etag from " + BronzeTables.MANIFEST)) {
            while (rows.next()) {
                loaded.put(rows.getString(1), rows.getString(2));
            }
        }
        return loaded;
    }

    /** Object key to etag of those of {@code keys} loaded so far: what a load of given keys needs, not the whole manifest. */
    static Map<String, String> read(Connection connection, List<String> keys) throws SQLException {
        Map<String, String> loaded = new HashMap<>();
        for (int start = 0; start < keys.size(); start += IN_LIST_SIZE) {
            List<String> chunk = keys.subList(start, Math.min(keys.size(), start + IN_LIST_SIZE));
            String in = chunk.stream().map(k -> "?").collect(Collectors.joining(", ", "(", ")"));
            try (PreparedStatement select = connection.prepareStatement("select object_key, etag from "
                    + BronzeTables.MANIFEST + " where object_key in " + in)) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        loaded.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
        }
        return loaded;
    }

    /** Deletes the rows, rejected lines and manifest rows of objects about to be loaded again. */
    static void forget(Connection connection, List<String> keys) throws SQLException {
        for (int start = 0; start < keys.size(); start += IN_LIST_SIZE) {
            List<String> chunk = keys.subList(start, Math.min(keys.size(), start + IN_LIST_SIZE));
            String in = chunk.stream().map(k -> "?").collect(Collectors.joining(", ", "(", ")"));
            delete(connection, "delete from " + BronzeTables.EVENTS + " where _source_object in " + in, chunk);
            delete(connection, "delete from " + BronzeTables.REJECTED + " where object_key in " + in, chunk);
            delete(connection, "delete from " + BronzeTables.MANIFEST + " where object_key in " + in, chunk);
        }
    }

    /** Records a batch's objects as loaded. */
    static void record(Connection connection, List<PendingObject> batch, Map<String, ObjectCounts> counts,
            LocalDateTime loadedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into " + BronzeTables.MANIFEST
                + " (object_key, etag, size_bytes, row_count, rejected_lines, loaded_at) values (?, ?, ?, ?, ?, ?)")) {
            for (PendingObject object : batch) {
                ObjectCounts written = counts.getOrDefault(object.value(), ObjectCounts.NONE);
                insert.setString(1, object.value());
                insert.setString(2, object.info().etag());
                insert.setLong(3, object.info().size());
                insert.setLong(4, written.rows());
                insert.setLong(5, written.rejectedLines());
                insert.setTimestamp(6, Timestamp.valueOf(loadedAt));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void delete(Connection connection, String sql, List<String> keys) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            for (int i = 0; i < keys.size(); i++) {
                delete.setString(i + 1, keys.get(i));
            }
            delete.executeUpdate();
        }
    }
}
